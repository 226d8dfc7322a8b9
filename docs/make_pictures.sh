#!/usr/bin/env bash
# The README's pictures, made again from the bundled store by the commands themselves, so
# that they show what the program draws now:
#   docs/timeline.svg   the terminal view: timeline show --svg
#   docs/page.png       the HTML page, as headless Chromium draws it 1100 pixels wide
#                       (left as it is, with a note, where there is no Chromium)
# Run it from anywhere, with the package installed: bash docs/make_pictures.sh
set -euo pipefail
docs="$(cd "$(dirname "$0")" && pwd)"
store="$(dirname "$docs")/events.toml"
if command -v timeline > /dev/null; then
    timeline=(timeline)
else
    timeline=(python3 -m timeline)
fi

"${timeline[@]}" --store "$store" show --svg "$docs/timeline.svg"

chromium="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$chromium" ]; then
    echo "make_pictures: no Chromium, so docs/page.png is left as it is" >&2
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${timeline[@]}" --store "$store" export -o "$work/timeline.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-size=1100,1250 \
    --screenshot="$docs/page.png" "file://$work/timeline.html" > /dev/null 2>&1
echo "make_pictures: wrote docs/timeline.svg and docs/page.png"
