# METADATA
# title: Registry IP rules that have no effect
# description: |
#   IP rules admit clients by the public address they reach the registry's
#   public endpoint from. They never apply to traffic through a private
#   endpoint, and they do nothing once public network access is disabled.
#   A rule for a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16,
#   or the shared range 100.64.0.0/10) can match no client either: a
#   client with such an address reaches the public endpoint through NAT,
#   from a public address, or through a private endpoint, where IP rules do
#   not apply.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks
#     description: Configure public IP network rules
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR010
#   name: ip-rules-ineffective
#   severity: warning
#   symptoms:
#     - "403 Forbidden"
#     - "client with IP '<address>' is not allowed access"
#   remediation: |
#     Allow the public addresses clients reach the registry from (their NAT
#     gateway, load balancer or firewall outbound address) in the IP rules,
#     and reach the registry from private networks through a private
#     endpoint. On a registry with public network access disabled, remove
#     the IP rules or enable public access with default action Deny.
package acrlint.rules.acr010

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

# IP rules on a registry whose public endpoint is closed.
report contains finding if {
	some reg_id, reg in acr.registries
	access.public_access_disabled(reg)
	acr.known(reg, "ip_rules")
	count(reg.attrs.ip_rules) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "ip_rules",
		"message": sprintf(
			"registry %q has public network access disabled, so its IP rules (%s) have no effect: IP rules apply only to the public endpoint",
			[access.name(reg_id), concat(", ", reg.attrs.ip_rules)],
		),
	})
}

# IP rules for private ranges, on a registry whose public endpoint is not
# known to be closed (there the rule above says more).
report contains finding if {
	some reg_id, reg in acr.registries
	not access.public_access_disabled(reg)
	acr.known(reg, "ip_rules")
	private := {rule | some rule in reg.attrs.ip_rules; _private(rule)}
	count(private) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "ip_rules",
		"message": sprintf(
			"registry %q has IP rules for private address ranges (%s): IP rules match only the public addresses clients reach the public endpoint from and never apply to private endpoint traffic, so these admit no one",
			[access.name(reg_id), acr.sorted_join(private)],
		),
	})
}

# The private and shared IPv4 ranges: [network, prefix length].
_private_ranges := [
	[167772160, 8], # 10.0.0.0/8
	[2886729728, 12], # 172.16.0.0/12
	[3232235520, 16], # 192.168.0.0/16
	[1681915904, 10], # 100.64.0.0/10
]

# _private holds for an IPv4 address or CIDR range inside a private range.
_private(rule) if {
	[addr, len] := _cidr(rule)
	some [net, plen] in _private_ranges
	len >= plen
	bits.rsh(addr, 32 - plen) == bits.rsh(net, 32 - plen)
}

# _cidr parses "a.b.c.d" or "a.b.c.d/n" into [address as a number, n].
_cidr(s) := [addr, len] if {
	m := regex.find_all_string_submatch_n(`^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:/(\d{1,2}))?$`, trim_space(s), 1)
	count(m) == 1
	octets := [to_number(m[0][i]) | some i in numbers.range(1, 4)]
	every o in octets {
		o <= 255
	}
	addr := (((((octets[0] * 256) + octets[1]) * 256) + octets[2]) * 256) + octets[3]
	len := _prefix(m[0][5])
	len <= 32
}

_prefix("") := 32

_prefix(p) := to_number(p) if p != ""
