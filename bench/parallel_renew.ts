/**
 * Run on Windows (under Wine here) against the Iphlpapi test double in its
 * "many,slow" scenario: 64 adapters whose renew takes 0.5 s each. Prints the
 * seconds renewAll() takes and how that compares with renewing one by one.
 */

import { renewAll } from "../mod.ts";

const started = performance.now();
const result = await renewAll();
const seconds = (performance.now() - started) / 1000;
const renewed = result.adapters.filter((adapter) => adapter.status === "done").length;
const sequential = renewed * 0.5;
console.log(JSON.stringify({ renewed, seconds: Number(seconds.toFixed(2)), sequentialSeconds: sequential }));
