import assert from "node:assert/strict";
import { renderChart, type Bar } from "../../bench/chart";

describe("bench: chart", () => {
  it("draws one bar per scenario, scaled to the largest, with its label and value, as well-formed SVG", () => {
    const bars: Bar[] = [
      { label: "bare <node:http>", value: 10_000, family: "bare" },
      { label: "ours", value: 5_000, family: "ours" },
      { label: "dead", value: NaN, family: "seed" },
    ];
    const svg = renderChart(bars, "Throughput & more");
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.match(svg, />Throughput &amp; more</);
    assert.match(svg, />bare &lt;node:http&gt;</);
    assert.match(svg, /<rect x="200" y="44" width="460\.0" height="18" fill="#8c8c8c"\/>/);
    assert.match(svg, /<rect x="200" y="70" width="230\.0" height="18" fill="#2f6fb3"\/>/);
    assert.match(svg, />10,000 req\/s</);
    assert.match(svg, />n\/a req\/s</);
    assert.equal((svg.match(/<rect /g) ?? []).length, 4, "background + 3 bars");
  });
});
