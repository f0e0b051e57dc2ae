/**
 * Run on Windows (under Wine here) against the Iphlpapi double in its "many6"
 * scenario and the ipconfig double in "slow6": 16 IPv6 adapters whose
 * `ipconfig /renew6` takes 0.5 s each. Prints the seconds renew6() takes and
 * how that compares with running ipconfig for them one by one.
 */

import { renew6 } from "../mod.ts";

const started = performance.now();
const result = await renew6();
const seconds = (performance.now() - started) / 1000;
const renewed = result.adapters.filter((adapter) => adapter.status === "done").length;
console.log(
  JSON.stringify({ renewed, seconds: Number(seconds.toFixed(2)), sequentialSeconds: renewed * 0.5 }),
);
