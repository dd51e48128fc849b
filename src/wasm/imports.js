// Imports the module takes from the glue (js/loader.mjs provides them). This
// file only tells emcc that they exist, so that the link accepts them; the
// wasm file imports them as module "webrdp" (see import_module in client.c).
mergeInto(LibraryManager.library, {
  random_fill: function (ptr, len) { throw new Error('webrdp.random_fill is provided by js/loader.mjs'); },
});
