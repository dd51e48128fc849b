// webrdp/gateway: the RDCleanPath gateway as a library.
//   import { startGateway, mintToken } from 'webrdp/gateway';
//   const gw = await startGateway({ listen: '127.0.0.1:0', hs256SecretFile: 'secret' });
//   ... gw.url is ws://127.0.0.1:PORT/jet/rdp ...; await gw.close();
export { startGateway, DEFAULTS } from './server.mjs';
export { mintToken, verifyToken, parseDestination, loadSecretFile, loadProvisionerKey, ReplayCache, TokenError } from './token.mjs';
export * as rdcleanpath from './rdcleanpath.mjs';
