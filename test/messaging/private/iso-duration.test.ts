import { isoDuration } from "../../../lib/messaging/private/iso-duration";

describe("isoDuration", () => {
  test.each([
    [0, "PT0S"],
    [30, "PT30S"],
    [60, "PT1M"],
    [90, "PT1M30S"],
    [3_600, "PT1H"],
    [86_400, "P1D"],
    [14 * 86_400, "P14D"],
    [86_400 + 2 * 3_600 + 5, "P1DT2H5S"],
  ])("renders %i seconds as %s, the form Azure echoes back", (seconds, expected) => {
    expect(isoDuration(seconds)).toBe(expected);
  });
});
