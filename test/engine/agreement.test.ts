import { describe, expect, it } from "vitest";
import { kendallTauB, spearman } from "../../src/engine/agreement.js";

describe("rank agreement", () => {
  it("is 1 for the same order and -1 for the reverse", () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
  });

  it("corrects for ties (tau-b), as levels 0-3 against labels 0-2 have many", () => {
    // Known value: x = [1,1,2,2,3], y = [1,2,2,3,3] gives tau-b = 0.75 (scipy.stats.kendalltau).
    expect(kendallTauB([1, 1, 2, 2, 3], [1, 2, 2, 3, 3])).toBeCloseTo(0.75, 6);
    // Spearman with ties uses average ranks: scipy.stats.spearmanr gives 0.8056.
    expect(spearman([1, 1, 2, 2, 3], [1, 2, 2, 3, 3])).toBeCloseTo(0.805556, 5);
  });

  // Reference values from scipy.stats.kendalltau (tau-b) and scipy.stats.spearmanr.
  it.each([
    [[0, 1, 2, 2, 1, 0], [0, 1, 3, 2, 2, 0], 0.880705, 0.923186],
    [[1, 2, 3, 4, 5], [3, 3, 1, 0, 0], -0.894427, -0.948683],
    [[0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 3, 3], 0.848875, 0.910936],
    [[1, 3, 5, 2, 4], [0, 2, 3, 1, 3], 0.948683, 0.974679],
    [[2, 2, 1, 0, 0, 1], [40, 60, 30, 0, 10, 35], 0.894427, 0.956183],
  ])("labels %j against levels %j: tau-b %d, Spearman %d", (xs, ys, tau, rho) => {
    expect(kendallTauB(xs, ys)).toBeCloseTo(tau, 5);
    expect(spearman(xs, ys)).toBeCloseTo(rho, 5);
  });

  it("is 0 when one side is constant", () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
