import { analyze } from "./dist/engine/analyze.js";
const a = analyze(process.argv[2]); let out=""; for (const t of a.tokens) out += (t.type==="punctuation"?t.text:" "+t.normal); console.log(JSON.stringify(out));
