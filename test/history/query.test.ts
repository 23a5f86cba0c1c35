import { describe, expect, it } from "vitest";
import { dateBound, findSession, selectSessions } from "../../src/history/query.js";
import { summaryOf } from "./sessions-fixture.js";

describe("dateBound", () => {
  it.each([
    ["2026-01-31", "since", "2026-01-31T00:00:00.000Z"],
    ["2026-01-31", "until", "2026-01-31T23:59:59.999Z"],
    [" 2026-02-01 ", "since", "2026-02-01T00:00:00.000Z"],
    ["2026-01-31T12:30:00Z", "since", "2026-01-31T12:30:00.000Z"],
    ["2026-01-31T12:30:00+02:00", "until", "2026-01-31T10:30:00.000Z"],
    ["2026-02-30", "since", undefined],
    ["2026-13-01", "since", undefined],
    ["31/01/2026", "since", undefined],
    ["yesterday", "until", undefined],
    ["", "since", undefined],
  ] as const)("%j as --%s is %j", (text, side, expected) => {
    expect(dateBound(text, side)).toBe(expected);
  });
});

describe("selectSessions", () => {
  const sessions = [
    summaryOf("a", "2026-01-02T09:00:00.000Z", [1, 1, 1, 1]),
    summaryOf("c", "2026-01-04T09:00:00.000Z", [2, 2, 2, 2], { scenario: "double-charge" }),
    summaryOf("b", "2026-01-03T23:59:59.000Z", [1, 2, 1, 2]),
  ];
  it.each([
    [{}, ["c", "b", "a"]],
    [{ scenario: "bike-shifter" }, ["b", "a"]],
    [{ scenario: "missed-bin" }, []],
    [{ since: "2026-01-03T00:00:00.000Z" }, ["c", "b"]],
    [{ until: "2026-01-03T23:59:59.999Z" }, ["b", "a"]],
    [{ since: "2026-01-03T00:00:00.000Z", until: "2026-01-03T23:59:59.999Z" }, ["b"]],
    [{ scenario: "double-charge", until: "2026-01-03T23:59:59.999Z" }, []],
  ])("%j -> %j, newest first", (filter, ids) => {
    expect(selectSessions(sessions, filter).map((s) => s.id)).toEqual(ids);
  });

  it("keeps file order for sessions started at the same moment, newest (last written) first", () => {
    const same = [summaryOf("x", "2026-01-02T09:00:00.000Z", [1], { at: 0 }), summaryOf("y", "2026-01-02T09:00:00.000Z", [1], { at: 10 })];
    expect(selectSessions(same).map((s) => s.id)).toEqual(["y", "x"]);
  });
});

describe("findSession", () => {
  const sessions = [
    summaryOf("20260102-090000-bike-shifter-0001", "2026-01-02T09:00:00.000Z", [1]),
    summaryOf("20260102-090000-bike-shifter-00012", "2026-01-02T09:00:01.000Z", [1]),
    summaryOf("20260105-100000-double-charge-ab12", "2026-01-05T10:00:00.000Z", [1]),
  ];
  it.each([
    ["20260105", "found", "20260105-100000-double-charge-ab12"],
    ["20260105-100000-double-charge-ab12", "found", "20260105-100000-double-charge-ab12"],
    // An exact id wins over a longer id that starts with it.
    ["20260102-090000-bike-shifter-0001", "found", "20260102-090000-bike-shifter-0001"],
    ["20260102", "ambiguous", undefined],
    ["2027", "unknown", undefined],
    ["", "unknown", undefined],
  ] as const)("%j is %s", (text, kind, id) => {
    const lookup = findSession(sessions, text);
    expect(lookup.kind).toBe(kind);
    if (lookup.kind === "found") expect(lookup.session.id).toBe(id);
  });

  it("lists ambiguous matches newest first and offers the latest sessions when unknown", () => {
    const ambiguous = findSession(sessions, "20260102-09");
    expect(ambiguous.kind === "ambiguous" && ambiguous.matches.map((s) => s.id.slice(-5))).toEqual(["00012", "-0001"]);
    const unknown = findSession(sessions, "nope");
    expect(unknown.kind === "unknown" && unknown.nearest[0]?.id).toBe("20260105-100000-double-charge-ab12");
  });

  it("takes the later line when a hand-edited file holds an id twice", () => {
    const twice = [
      summaryOf("dup", "2026-01-02T09:00:00.000Z", [1], { score: 1 }),
      summaryOf("dup", "2026-01-02T09:00:00.000Z", [2], { score: 2 }),
    ];
    const lookup = findSession(twice, "dup");
    expect(lookup.kind === "found" && lookup.session.score).toBe(2);
  });
});
