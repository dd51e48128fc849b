#!/bin/sh
# Regenerates the PNGs of this folder with ImageMagick 6 (`convert`), and next
# to each the RGBA8888 pixels ImageMagick reads back (`.rgba`, top-down), which
# tests/unit/codecs_png_decode_test.c compares our decoder with.
set -e
cd "$(dirname "$0")"
S="-strip -define png:bit-depth=8"
convert -size 13x7 gradient:red-blue $S -define png:color-type=2 -define png:compression-filter=5 rgb.png
convert -size 13x7 gradient:black-white -colorspace Gray $S -define png:color-type=0 -define png:compression-filter=5 grey.png
convert -size 11x9 gradient:'rgba(255,0,0,0.1)'-'rgba(0,255,0,1)' $S -define png:color-type=6 -define png:compression-filter=5 rgba.png
convert -size 9x5 gradient:'rgba(0,0,0,0)'-'rgba(255,255,255,1)' -colorspace Gray $S -define png:color-type=4 -define png:compression-filter=5 greyalpha.png
convert -size 10x6 xc:white -fill red -draw "rectangle 0,0 4,2" -fill blue -draw "rectangle 5,3 9,5" $S -define png:color-type=3 palette.png
convert -size 10x6 xc:none -fill red -draw "rectangle 0,0 4,2" -fill "rgba(0,0,255,0.5)" -draw "rectangle 6,3 9,5" -type PaletteAlpha -define png:bit-depth=8 -define png:exclude-chunk=date,time,text,bKGD,gAMA,cHRM palette_trns.png
for f in *.png; do convert "$f" -depth 8 "rgba:${f%.png}.rgba"; done
