/**
 * `leasectl --help`: the commands, the adapter argument, the options and the
 * exit statuses, in the words a user reads.
 *
 * @module
 */

/** The text `leasectl --help` prints. */
export const USAGE = `Usage: leasectl <command> [ADAPTER] [options]

Releases and renews DHCP leases on Windows through Iphlpapi.dll.

Commands:
  list [ADAPTER]      Show adapters, their addresses and leases (ipconfig /all)
  release [ADAPTER]   Release the DHCP lease (ipconfig /release)
  renew [ADAPTER]     Renew the DHCP lease (ipconfig /renew)
  release6 [ADAPTER]  Release the DHCPv6 lease (ipconfig /release6)
  renew6 [ADAPTER]    Renew the DHCPv6 lease (ipconfig /renew6)
  cycle [ADAPTER]     Release, flush the DNS cache and renew, in one go
  flushdns            Empty the DNS resolver cache (ipconfig /flushdns)
  watch [ADAPTER]     Print address and interface changes as they happen,
                      until Ctrl-C or --timeout

ADAPTER is a friendly name, where * and ? are wildcards ("Ethernet*"), an
interface index, or a GUID. Without it, release, renew and cycle act on every
DHCP-enabled adapter, release6 and renew6 on every IPv6-enabled one.

Options:
  --json               Print JSON instead of text
  --dry-run            Show what would be done, and do nothing
  --timeout SECONDS    Stop waiting for the calls after SECONDS (default 300);
                       adapters still waiting are reported as failed with 1460;
                       watch ends after SECONDS, with exit status 0
  --wait SECONDS       After renew, wait up to SECONDS until each adapter has a
                       preferred address and its gateway (renew, cycle)
  --log FILE           Append each adapter's outcome to FILE as a JSON line, as
                       it is known (release, renew, release6, renew6, cycle)
  -h, --help           Show this help
  -V, --version        Show the version

release6 and renew6 run the system's ipconfig.exe: in Deno, add --allow-run.
Exit status: 0 success (skipped adapters included); 1 an operation failed;
2 usage error or no adapter matched; 3 leasectl cannot run here (not Windows,
a missing permission, or a library that will not load); 130 stopped by a
second Ctrl-C.
`;
