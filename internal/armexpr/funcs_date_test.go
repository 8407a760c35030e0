package armexpr

import (
	"testing"
)

// The dateTimeAdd example of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date
// deployed with a base time of 2020-04-07 14:53:14Z.
func TestDateFunctionsDocs(t *testing.T) {
	c := params(obj{"baseTime": "2020-04-07 14:53:14Z"}, nil)
	runEval(t, c, []evalCase{
		{"add3Years", "dateTimeAdd(parameters('baseTime'), 'P3Y')", "4/7/2023 2:53:14 PM"},
		{"subtract9Days", "dateTimeAdd(parameters('baseTime'), '-P9D')", "3/29/2020 2:53:14 PM"},
		{"add1Hour", "dateTimeAdd(parameters('baseTime'), 'PT1H')", "4/7/2020 3:53:14 PM"},
	})
}

func TestDateFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"ISO base keeps its form", "dateTimeAdd('2023-05-02T15:16:13Z', 'P1D')", "2023-05-03T15:16:13Z"},
		{"compact base", "dateTimeAdd('20230502T151613Z', 'PT30M')", "20230502T154613Z"},
		{"weeks and seconds", "dateTimeAdd('2023-05-02T00:00:00Z', 'P1WT1.5S')", "2023-05-09T00:00:01.5Z"},
		{"format u", "dateTimeAdd('2023-05-02T15:16:13Z', 'PT1H', 'u')", "2023-05-02 16:16:13Z"},
		{"format d", "dateTimeAdd('2023-05-02T15:16:13Z', 'P1M', 'd')", "06/02/2023"},
		{"custom format", "dateTimeAdd('2023-05-02T15:16:13Z', 'P1Y', 'yyyy-MM-dd HH:mm')", "2024-05-02 15:16"},
		{"to epoch", "dateTimeToEpoch('2023-05-02T15:16:13Z')", int64(1683040573)},
		{"from epoch", "dateTimeFromEpoch(1683040573)", "2023-05-02T15:16:13Z"},
	})
	wantEvalError(t, nil, "dateTimeAdd('yesterday', 'P1D')", "not an ISO 8601 date")
	wantEvalError(t, nil, "dateTimeAdd('2023-05-02T15:16:13Z', '1 day')", "not an ISO 8601 duration")
	wantEvalError(t, nil, "dateTimeAdd('2023-05-02T15:16:13Z', 'P')", "not an ISO 8601 duration")
}

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr
func TestCIDRFunctionsDocs(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"parseCidr v4", "parseCidr('10.144.0.0/20')", obj{
			"network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255",
			"firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": int64(20),
		}},
		{"parseCidr v6", "parseCidr('fdad:3236:5555::/48')", obj{
			"network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::",
			"firstUsable": "fdad:3236:5555::", "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": int64(48),
		}},
		{"cidrSubnet v4", "map(range(0, 5), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))",
			arr{"10.144.0.0/24", "10.144.1.0/24", "10.144.2.0/24", "10.144.3.0/24", "10.144.4.0/24"}},
		{"cidrSubnet v6", "map(range(0, 5), lambda('i', cidrSubnet('fdad:3236:5555::/48', 52, lambdaVariables('i'))))",
			arr{"fdad:3236:5555::/52", "fdad:3236:5555:1000::/52", "fdad:3236:5555:2000::/52", "fdad:3236:5555:3000::/52", "fdad:3236:5555:4000::/52"}},
		{"cidrHost v4", "map(range(0, 5), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))",
			arr{"10.144.3.1", "10.144.3.2", "10.144.3.3", "10.144.3.4", "10.144.3.5"}},
		{"cidrHost v6", "map(range(0, 5), lambda('i', cidrHost('fdad:3236:5555:3000::/52', lambdaVariables('i'))))",
			arr{"fdad:3236:5555:3000::1", "fdad:3236:5555:3000::2", "fdad:3236:5555:3000::3", "fdad:3236:5555:3000::4", "fdad:3236:5555:3000::5"}},
	})
}

func TestCIDRFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"host bits are cleared", "parseCidr('10.0.0.5/24').network", "10.0.0.0"},
		{"/32", "parseCidr('10.0.0.5/32').firstUsable", "10.0.0.5"},
		{"last subnet", "cidrSubnet('10.0.0.0/16', 24, 255)", "10.0.255.0/24"},
		{"last host", "cidrHost('192.168.1.0/24', 253)", "192.168.1.254"},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"not a CIDR", "parseCidr('10.0.0.0')", "is not a CIDR range"},
		{"subnet index out of range", "cidrSubnet('10.0.0.0/16', 24, 256)", "out of range"},
		{"smaller prefix", "cidrSubnet('10.0.0.0/16', 8, 0)", "between 16 and 32"},
		{"host out of range", "cidrHost('192.168.1.0/24', 254)", "out of range"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}
