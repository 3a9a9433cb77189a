// Copies the front-end packages' distributed files into the Go embed dir.
// Run with `npm ci && npm run build` (or `go generate ./internal/web`).
import { copyFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "internal", "web", "static", "vendor");
const files = [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/dist/images/marker-icon.png", "images/marker-icon.png"],
  ["leaflet/dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"],
  ["leaflet/dist/images/marker-shadow.png", "images/marker-shadow.png"],
  ["leaflet/dist/images/layers.png", "images/layers.png"],
  ["leaflet/dist/images/layers-2x.png", "images/layers-2x.png"],
  ["uplot/dist/uPlot.iife.min.js", "uPlot.iife.min.js"],
  ["uplot/dist/uPlot.min.css", "uPlot.min.css"],
  ["leaflet/LICENSE", "LICENSE.leaflet"],
  ["uplot/LICENSE", "LICENSE.uplot"],
];
rmSync(out, { recursive: true, force: true });
for (const [from, to] of files) {
  const src = join(here, "node_modules", from);
  if (!existsSync(src)) {
    console.error(`missing ${src}: run npm ci first`);
    process.exit(1);
  }
  mkdirSync(dirname(join(out, to)), { recursive: true });
  copyFileSync(src, join(out, to));
}
console.log(`copied ${files.length} files into ${out}`);
