// Writes the Iphlpapi double's "standard" adapters as C, from harness/adapters.json, the file the
// unit tests' fake is built from too: `node gen_adapters.mjs ADAPTERS_JSON OUTPUT_H`.
// tests/windows/setup.sh runs it when the data changes, before it builds the double.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import process from "node:process";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: gen_adapters.mjs ADAPTERS_JSON OUTPUT_H");
const { kinds, adapters } = JSON.parse(readFileSync(input, "utf8"));
const MAX_UNICAST = 4, MAX_LIST = 3; // iphlpapi_double.h's bounds

const hex = (code, digits) => code.toString(16).padStart(digits, "0");

/** A C string literal: wide (L"…") or narrow, with anything outside printable ASCII escaped. */
function literal(text, wide = false) {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0);
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (!wide) throw new Error(`${input}: a narrow string holds non-ASCII text: ${text}`);
    else out += code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
  }
  return `${wide ? "L" : ""}"${out}"`;
}

const list = (what, values = [], max = MAX_LIST) => {
  if (values.length > max) throw new Error(`${input}: more than ${max} ${what}`);
  return `{${values.map((value) => literal(value)).join(", ")}}`;
};
const seconds = (value) => value === "infinite" ? "INFINITE_LIFETIME" : `${value}`;
const OPER_STATUS = { up: "IfOperStatusUp", down: "IfOperStatusDown" };

function unicast(entry) {
  const fields = { ...kinds[entry.kind], ...entry };
  if (!kinds[entry.kind]) throw new Error(`${input}: unknown kind "${entry.kind}" for ${entry.address}`);
  const values = [
    literal(fields.address),
    fields.prefixLength,
    fields.prefixOrigin,
    fields.suffixOrigin,
    fields.dadState,
    ...[fields.validLifetime, fields.preferredLifetime, fields.leaseLifetime].map(seconds),
  ];
  return `{${values.join(", ")}}`;
}

function adapter(a) {
  if (a.unicast.length > MAX_UNICAST) {
    throw new Error(`${input}: ${a.friendlyName} has over ${MAX_UNICAST} addresses`);
  }
  const mac = a.mac ? a.mac.split("-").map((byte) => `0x${byte}`) : [];
  const fields = [
    `.index = ${a.index}`,
    `.guid = ${literal(a.guid)}`,
    `.friendly_name = ${literal(a.friendlyName, true)}`,
    `.description = ${literal(a.description, true)}`,
    `.mac = {${mac.join(", ")}}`,
    `.mac_length = ${mac.length}`,
    `.dhcp = ${a.dhcp ? "TRUE" : "FALSE"}`,
    `.oper_status = ${OPER_STATUS[a.operStatus]}`,
    `.if_type = ${a.ifType}`,
    `.ipv4_bound = ${a.ipv4Bound ? "TRUE" : "FALSE"}`,
    `.unicast = {${a.unicast.map(unicast).join(", ")}}`,
    `.gateways = ${list("gateways", a.gateways)}`,
    `.dns = ${list("DNS servers", a.dnsServers)}`,
  ];
  if (a.dhcpServer) fields.push(`.dhcp_server = ${literal(a.dhcpServer)}`);
  if (a.leaseObtained) {
    fields.push(`.lease_obtained = ${a.leaseObtained}`, `.lease_expires = ${a.leaseExpires}`);
  }
  return `  {${fields.join(",\n   ")}},`;
}

const text =
  `/* Written by tests/windows/double/gen_adapters.mjs from harness/adapters.json: edit that file. */
static const adapter_t standard_adapters[] = {
${adapters.map(adapter).join("\n")}
};
`;
writeFileSync(`${output}.partial`, text);
renameSync(`${output}.partial`, output);
