// Package corpus writes synthetic repositories for benchmarks and scale
// tests: N stacks, each a hub-and-spoke design around a Premium container
// registry (geo-replicas, a private endpoint with its DNS zone group, the
// privatelink.azurecr.io zone linked to the hub and spoke VNets, AKS whose
// egress is forced through Azure Firewall with policy rule collection
// groups, route tables, NSGs, Defender for Containers, registry logs),
// written as Terraform or as ARM templates the way people write them:
// tfvars, variables, locals, for_each, count, dynamic blocks and a shared
// local module in Terraform; a subscription template that creates the hub
// and spoke resource groups and deploys a linked template into each, with a
// parameters file, variable, property and resource copy loops and child
// resources, in ARM.
//
// A seeded schedule injects known mistakes into some stacks; the Manifest
// says how many findings each rule must report, so a scan of the corpus is
// also a test of the rules.
package corpus

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source formats the generator writes.
const (
	Terraform = "terraform"
	ARM       = "arm"
)

// Formats lists the formats the generator can write.
var Formats = []string{Terraform, ARM}

// Mistakes a stack can carry, by the rule that must report it. Each one
// yields exactly one finding of its rule and nothing else.
const (
	// NoZoneGroup leaves the private DNS zone group off the private
	// endpoint (ACR001).
	NoZoneGroup = "ACR001"
	// WrongZoneName names the zone something other than
	// privatelink.azurecr.io (ACR002).
	WrongZoneName = "ACR002"
	// NoHubLink links the zone to the spoke VNet only, not to the hub VNet
	// that holds the private endpoint (ACR003).
	NoHubLink = "ACR003"
	// StandardSKU gives the geo-replicated, privately reached registry the
	// Standard SKU (ACR014).
	StandardSKU = "ACR014"
	// WrongSubresource points the private endpoint at a sub-resource other
	// than "registry" (ACR015).
	WrongSubresource = "ACR015"
)

// Mistakes lists every mistake the generator injects.
var Mistakes = []string{NoZoneGroup, WrongZoneName, NoHubLink, StandardSKU, WrongSubresource}

// Options configure a corpus.
type Options struct {
	// Stacks is the number of stacks to write; when Resources is set
	// instead, stacks are added until the corpus declares at least that
	// many resources.
	Stacks    int
	Resources int
	// Seed makes the corpus reproducible: the same options and seed write
	// the same bytes.
	Seed uint64
	// Formats are the source formats to use (default: all). With several,
	// stacks are Terraform and ARM in the proportion 3:2.
	Formats []string
	// MistakeEvery is the size of the block of stacks in which each mistake
	// is injected once (default 10; 0 or a value below the number of
	// mistakes is raised to it). Negative means no mistakes.
	MistakeEvery int
}

// Stack describes one generated stack.
type Stack struct {
	Dir       string `json:"dir"` // relative to the corpus root, slash-separated
	Format    string `json:"format"`
	Mistake   string `json:"mistake,omitempty"` // the rule id it must trigger
	Resources int    `json:"resources"`         // resource instances it declares
	Files     int    `json:"files"`
	Bytes     int64  `json:"bytes"`
}

// Manifest describes what was written.
type Manifest struct {
	Root   string  `json:"root"`
	Seed   uint64  `json:"seed"`
	Stacks []Stack `json:"stacks"`
	// Expected is the number of findings each rule must report.
	Expected map[string]int `json:"expected"`
	// Totals over every stack and shared file, and by format.
	Files     int               `json:"files"`
	Bytes     int64             `json:"bytes"`
	Resources int               `json:"resources"`
	ByFormat  map[string]Totals `json:"by_format"`
}

// Totals sums stacks of one format.
type Totals struct {
	Stacks    int   `json:"stacks"`
	Files     int   `json:"files"`
	Resources int   `json:"resources"`
	Bytes     int64 `json:"bytes"`
}

// plan is what the generator decides for one stack before writing it.
type plan struct {
	index    int
	format   string
	mistake  string
	dir      string
	workload string
	env      string
	instance string
	location string
	replicas []string
	pools    int // user node pools
	wrong    string
}

var (
	workloads = []string{"payments", "orders", "catalog", "search", "identity", "billing", "ledger", "media", "checkout", "inventory", "shipping", "pricing"}
	envs      = []string{"dev", "test", "prod"}
	// regions pairs a home region with the regions of its two replicas.
	regions = [][3]string{
		{"westeurope", "northeurope", "uksouth"},
		{"northeurope", "westeurope", "francecentral"},
		{"eastus", "westus2", "centralus"},
		{"eastus2", "eastus", "southcentralus"},
		{"swedencentral", "germanywestcentral", "westeurope"},
		{"australiaeast", "australiasoutheast", "southeastasia"},
		{"japaneast", "japanwest", "koreacentral"},
		{"canadacentral", "canadaeast", "eastus"},
	}
	wrongZones       = []string{"azurecr.io", "privatelink.azurecr.com", "privatelink.azurecr.io.local", "private.azurecr.io"}
	wrongSubresource = []string{"registry_data", "acr", "registries", "containerRegistry"}
)

// Generate writes a corpus under dir (created if needed; it should be
// empty) and returns its manifest.
func Generate(dir string, opts Options) (*Manifest, error) {
	formats := opts.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q (want %s)", f, strings.Join(Formats, ", "))
		}
	}
	if opts.Stacks <= 0 && opts.Resources <= 0 {
		return nil, errors.New("set the number of stacks or of resources")
	}
	every := opts.MistakeEvery
	if every == 0 {
		every = 10
	}
	if every > 0 && every < len(Mistakes) {
		every = len(Mistakes)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	m := &Manifest{Root: dir, Seed: opts.Seed, Expected: map[string]int{}, ByFormat: map[string]Totals{}}
	w := &writer{root: dir}
	if slices.Contains(formats, Terraform) {
		if err := writeSharedTerraform(w); err != nil {
			return nil, err
		}
	}
	m.Files, m.Bytes = w.files, w.bytes
	// The corpus must be reproducible from its seed: a seeded PCG, on
	// purpose.
	rng := rand.New(rand.NewPCG(opts.Seed, 0x61637231696e74)) //nolint:gosec // G404: reproducible test data, not a secret

	sched := &schedule{rng: rng, every: every, formats: formats}
	for i := 0; ; i++ {
		if opts.Stacks > 0 && i >= opts.Stacks {
			break
		}
		if opts.Stacks <= 0 && m.Resources >= opts.Resources {
			break
		}
		p := sched.next(i)
		w.files, w.bytes = 0, 0
		var n int
		var err error
		switch p.format {
		case Terraform:
			n, err = writeTerraform(w, p)
		case ARM:
			n, err = writeARM(w, p)
		}
		if err != nil {
			return nil, fmt.Errorf("stack %s: %w", p.dir, err)
		}
		s := Stack{Dir: p.dir, Format: p.format, Mistake: p.mistake, Resources: n, Files: w.files, Bytes: w.bytes}
		m.Stacks = append(m.Stacks, s)
		m.Files += s.Files
		m.Bytes += s.Bytes
		m.Resources += s.Resources
		t := m.ByFormat[s.Format]
		t.Stacks++
		t.Files += s.Files
		t.Resources += s.Resources
		t.Bytes += s.Bytes
		m.ByFormat[s.Format] = t
		if s.Mistake != "" {
			m.Expected[s.Mistake]++
		}
	}
	return m, nil
}

// schedule assigns each stack its format, its mistake and its names.
// Mistakes and formats are dealt from seeded shuffles of fixed blocks, so
// that every block of stacks holds each mistake once and the formats in
// their proportion, whatever the seed.
type schedule struct {
	rng                  *rand.Rand
	every                int
	formats              []string
	mistakeDeck, fmtDeck []string
}

func (s *schedule) deal(deck *[]string, fill func() []string) string {
	if len(*deck) == 0 {
		d := fill()
		s.rng.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
		*deck = d
	}
	v := (*deck)[0]
	*deck = (*deck)[1:]
	return v
}

func (s *schedule) next(i int) plan {
	format := s.deal(&s.fmtDeck, func() []string {
		if len(s.formats) == 1 {
			return []string{s.formats[0]}
		}
		// Terraform and ARM in the proportion 3:2 (60% and 40%).
		var d []string
		for _, f := range s.formats {
			n := 1
			switch f {
			case Terraform:
				n = 3
			case ARM:
				n = 2
			}
			for range n {
				d = append(d, f)
			}
		}
		return d
	})
	mistake := ""
	if s.every > 0 {
		mistake = s.deal(&s.mistakeDeck, func() []string {
			d := make([]string, s.every)
			copy(d, Mistakes)
			return d
		})
	}
	reg := regions[s.rng.IntN(len(regions))]
	p := plan{
		index:    i,
		format:   format,
		mistake:  mistake,
		workload: workloads[s.rng.IntN(len(workloads))],
		env:      envs[s.rng.IntN(len(envs))],
		instance: fmt.Sprintf("%04d", i),
		location: reg[0],
		replicas: []string{reg[1], reg[2]},
		pools:    1 + s.rng.IntN(3),
	}
	switch mistake {
	case WrongZoneName:
		p.wrong = wrongZones[s.rng.IntN(len(wrongZones))]
	case WrongSubresource:
		p.wrong = wrongSubresource[s.rng.IntN(len(wrongSubresource))]
	}
	short := map[string]string{Terraform: "tf", ARM: "arm"}[format]
	p.dir = fmt.Sprintf("stacks/%s-%s-%s-%s", p.instance, p.workload, p.env, short)
	return p
}

// zoneName is the private DNS zone the stack's endpoint uses.
func (p plan) zoneName() string {
	if p.mistake == WrongZoneName {
		return p.wrong
	}
	return "privatelink.azurecr.io"
}

func (p plan) subresource() string {
	if p.mistake == WrongSubresource {
		return p.wrong
	}
	return "registry"
}

func (p plan) sku() string {
	if p.mistake == StandardSKU {
		return "Standard"
	}
	return "Premium"
}

// hubSpace and spokeSpace are the stack's address spaces: consecutive /21
// blocks of 10.0.0.0/8, unique for the first 4096 stacks, so that a
// firewall's private address names one firewall in the corpus.
func (p plan) hubSpace() string   { return block21(2 * p.index) }
func (p plan) spokeSpace() string { return block21(2*p.index + 1) }

func block21(k int) string {
	// 10.0.0.0/8 holds 2^13 blocks of /21, 32 in each /16.
	k %= 1 << 13
	return fmt.Sprintf("10.%d.%d.0/21", k>>5, (k&31)<<3)
}

// writer writes files under the corpus root and counts them.
type writer struct {
	root  string
	files int
	bytes int64
}

func (w *writer) write(rel string, data []byte) error {
	path := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	w.files++
	w.bytes += int64(len(data))
	return nil
}

// Summary renders the manifest for people: totals, then the expected
// findings per rule.
func (m *Manifest) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "corpus %s (seed %d): %d stacks, %d files, %d bytes, %d resources\n", m.Root, m.Seed, len(m.Stacks), m.Files, m.Bytes, m.Resources)
	for _, f := range slices.Sorted(maps.Keys(m.ByFormat)) {
		t := m.ByFormat[f]
		fmt.Fprintf(&b, "  %-9s %5d stacks %6d files %10d bytes %7d resources\n", f, t.Stacks, t.Files, t.Bytes, t.Resources)
	}
	b.WriteString("expected findings:\n")
	for _, id := range Mistakes {
		fmt.Fprintf(&b, "  %s %d\n", id, m.Expected[id])
	}
	return b.String()
}
