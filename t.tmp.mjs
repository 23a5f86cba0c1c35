import { analyze } from "./dist/engine/analyze.js";
const a = analyze(process.argv[2]); console.log(a.tokens.map(t => `${t.text}/${t.normal}/${t.lemma}/${t.pos}`).join(" "));
