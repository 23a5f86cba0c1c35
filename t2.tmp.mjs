import { analyze } from "./dist/engine/analyze.js";
import { stanceOf } from "./dist/engine/stance.js";
const a = analyze(process.argv[2]); const st = stanceOf(a); console.log(st.hypothetical, st.disowned);
