# The router: every finding of every rule package under data.acrlint.rules,
# shipped or loaded with --policy. The engine evaluates this one rule.
package acrlint.main

findings contains finding if {
	some name
	some finding in data.acrlint.rules[name].report
}
