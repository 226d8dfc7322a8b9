// Parse a Mermaid diagram with Mermaid itself and print what it understood, as JSON.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

const text = readFileSync(0, "utf8");
try {
  mermaid.initialize({ startOnLoad: false });
  await mermaid.parse(text);  // loads the diagram type; throws on a syntax error
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const out = { type: diagram.type, title: db.getCommonDb ? db.getCommonDb().getDiagramTitle() : null,
                sections: db.getSections(), tasks: db.getTasks().map(t => ({section: t.section, period: t.task, events: t.events})) };
  console.log(JSON.stringify(out));
} catch (error) {
  console.log(JSON.stringify({ error: String(error.message || error) }));
  process.exitCode = 1;
}
