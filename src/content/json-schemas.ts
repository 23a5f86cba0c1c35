/** JSON Schemas generated from the zod source of truth, for editors (yaml-language-server) and tools. */
import { z } from "zod";
import { rubricSchema, scenarioSchema } from "./schema.js";

export type SchemaKind = "scenario" | "rubric";

export const schemaFileNames: Record<SchemaKind, string> = {
  scenario: "scenario.schema.json",
  rubric: "rubric.schema.json",
};

export function jsonSchemaFor(kind: SchemaKind): Record<string, unknown> {
  const source = kind === "scenario" ? scenarioSchema : rubricSchema;
  const schema = z.toJSONSchema(source, { target: "draft-07", io: "input" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://complaint-coach.dev/schemas/${schemaFileNames[kind]}`,
    title: kind === "scenario" ? "complaint coach scenario" : "complaint coach rubric",
  };
}

export function renderJsonSchema(kind: SchemaKind): string {
  return `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
}
