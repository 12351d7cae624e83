/**
 * Renders a whole number of seconds as the ISO 8601 duration Azure Service Bus echoes back (`P14D`, `PT1H`, `PT1M30S`,
 * `P1DT2H`), largest units first and zero parts left out. Writing the same form Azure returns keeps plans free of
 * perpetual diffs (`PT60S` would come back as `PT1M`).
 */
export function isoDuration(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const date = days > 0 ? `${days}D` : "";
  const time = [hours > 0 ? `${hours}H` : "", minutes > 0 ? `${minutes}M` : "", seconds > 0 ? `${seconds}S` : ""].join("");
  if (date === "" && time === "") return "PT0S";
  return `P${date}${time ? `T${time}` : ""}`;
}
