// ipconfig's output in the console's code page, on the Windows deno.exe under Wine, driven from Linux:
// Wine takes a process's OEM code page from the Linux locale it starts with, which a Windows process
// cannot give the processes it starts.
import assert from "node:assert/strict";
import { DENO_EXE, DOUBLE_DLL, IPCONFIG_DOUBLE, projectPath, windowsPath } from "../../harness/paths.ts";
import { scratchFile, WINE_ENV } from "./wine.ts";

/** `leasectl renew6 Ethernet --json` against the doubles, in `locale`, with the ipconfig double's `scenario`. */
async function renew6(locale: string, scenario: string) {
  const log = await scratchFile("leasectl-log-");
  const { code, stdout, stderr } = await new Deno.Command("/usr/lib/wine/wine64", {
    args: [
      DENO_EXE,
      "run",
      "--allow-ffi",
      "--allow-env",
      `--allow-run=${windowsPath(IPCONFIG_DOUBLE)}`,
      windowsPath(projectPath("cli.ts")),
      "renew6",
      "Ethernet",
      "--json",
    ],
    env: {
      ...WINE_ENV,
      WINEDLLOVERRIDES: "mscoree,mshtml=",
      LC_ALL: locale,
      LEASECTL_IPHLPAPI: windowsPath(DOUBLE_DLL),
      LEASECTL_IPCONFIG: windowsPath(IPCONFIG_DOUBLE),
      LEASECTL_DOUBLE_SCENARIO: `ipv6,${scenario}`,
      LEASECTL_DOUBLE_LOG: windowsPath(log),
      NO_COLOR: "1",
    },
    stdin: "null",
  }).output();
  const ran = (await Deno.readTextFile(log)).split("\n").filter((line) => line.startsWith("ipconfig\t"));
  return { code, stdout: new TextDecoder().decode(stdout), stderr: new TextDecoder().decode(stderr), ran };
}

Deno.test("a German or a Russian ipconfig's reason, written in code page 850 or 866, reads as the text it is", async () => {
  const cases: [string, string, string][] = [
    [
      "de_DE.UTF-8", // Wine's OEM code page for it is 850, as a German Windows'
      "ipconfig-cp850",
      'Beim Erneuern der Schnittstelle "Ethernet" ist ein Fehler aufgetreten: Die Datei wurde nicht gefunden. ' +
      "Überprüfen Sie den Namen für Geräte.",
    ],
    [
      "ru_RU.UTF-8", // 866
      "ipconfig-cp866",
      "При обновлении интерфейса Ethernet произошла ошибка: Не удается найти указанный файл.",
    ],
  ];
  for (const [locale, scenario, reason] of cases) {
    const { code, stdout, stderr, ran } = await renew6(locale, scenario);
    assert.equal(ran.length, 1, `the ipconfig double ran once: ${stderr}`);
    const [outcome] = JSON.parse(stdout).adapters;
    assert.deepEqual([code, outcome.code, outcome.reason], [1, 1627, reason]);
  }
});
