#!/usr/bin/env bash
# Renders every figure kind in every style (figure, mollview, animate) from a small run, converts the
# PDFs and SVGs to PNG as a reader's viewer would (pdftoppm, rsvg-convert), and copies a few into
# this folder for the gallery (docs/gallery/README.md). Contact sheets of all renders go to $OUT for
# looking at them. Needs the jar (mvn package), poppler-utils, librsvg2-bin and imagemagick.
#   docs/gallery/make.sh [OUT]        (default OUT: a new temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/target/anisoscope.jar}
out=${1:-$(mktemp -d /tmp/anisoscope-gallery.XXXXXX)}
mkdir -p "$out"
app() { java --add-modules jdk.incubator.vector -jar "$jar" "$@" 2> >(grep -v "incubator" >&2); }
cd "$out"
[ -d run ] || app simulate --rigidity 10PV --nside 16 --realisations 6 --snapshots 12 --t-max 20tau --seed 1 --out run
[ -d conv ] || app converge --rigidity 10PV --nside 8 --realisations 4 --snapshots 4 --t-max 2tau --seed 1 --out conv
[ -d sep ] || app separation --rigidity 10PV --realisations 2 --directions 16 --t-max 20tau --seed 1 --out sep
mkdir -p all
for style in default paper paper-wide talk talk-dark; do
  for what in cl evolution dipole formation convergence separation; do
    sim=run; [ $what = convergence ] && sim=conv; [ $what = separation ] && sim=sep
    app figure --what $what --sim $sim --style $style --out all/${what}_$style.pdf --force
    pdftoppm -r 72 -png -singlefile all/${what}_$style.pdf all/${what}_$style
  done
  app mollview --in run/map_snapshot_11.fits --style $style --out all/sky_$style.svg --force
  rsvg-convert -w 900 all/sky_$style.svg -o all/sky_$style.png
  montage all/*_$style.png -tile 4x -geometry 480x360+6+6 -background '#888' sheet_$style.png
done
# sizes asked for talks and papers: a 7-inch C_l PDF, a 300-dpi map PDF, 16 sky frames at 1280 x 720 as MP4 and GIF
app figure --what cl --sim run --style paper-wide --out size_cl_7in.pdf --force
app mollview --in run/map_snapshot_11.fits --style paper-wide --out size_sky_300dpi.pdf --force
app simulate --rigidity 10PV --nside 32 --realisations 2 --snapshots 16 --t-max 20tau --seed 1 --out run16 --force >/dev/null
app animate --sim run16 --style talk --width 1280 --out size_sky16.mp4 --force
app animate --sim run16 --style talk --width 1280 --out size_sky16.gif --force
ls -l size_* | awk '{print $5, $9}'
# the gallery's pictures, each at about 800 pixels wide
pdftoppm -r 200 -png -singlefile all/cl_paper.pdf "$here/cl_paper"
pdftoppm -r 60 -png -singlefile all/evolution_talk-dark.pdf "$here/evolution_talk-dark"
pdftoppm -r 100 -png -singlefile all/formation_default.pdf "$here/formation_default"
pdftoppm -r 110 -png -singlefile all/convergence_paper-wide.pdf "$here/convergence_paper-wide"
cp all/sky_talk.png "$here/sky_talk.png"
echo "renders in $out/all, contact sheets $out/sheet_*.png"
