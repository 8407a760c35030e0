package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/acrlint/acrlint/internal/report/sariftest"
)

// readmeYAML returns the README's ```yaml blocks that contain marker.
func readmeYAML(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	parts := strings.Split(string(data), "```yaml\n")
	for _, p := range parts[1:] {
		block, _, ok := strings.Cut(p, "```")
		if ok && strings.Contains(block, marker) {
			found = append(found, block)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one README yaml block with %q, found %d", marker, len(found))
	}
	return found[0]
}

type workflowStep struct {
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	If   string            `yaml:"if"`
	With map[string]string `yaml:"with"`
}

type actionFile struct {
	Inputs map[string]struct {
		Default  *string `yaml:"default"`
		Required bool    `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Uses  string            `yaml:"uses"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// The README's GitHub workflow uses the action with inputs and outputs
// that action.yml declares, and uploads the SARIF file it names.
func TestReadmeWorkflowMatchesAction(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Permissions map[string]string `yaml:"permissions"`
			Steps       []workflowStep    `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readmeYAML(t, "jobs:")), &wf); err != nil {
		t.Fatalf("the README's workflow is not YAML: %v", err)
	}
	action := readAction(t)
	if len(wf.Jobs) == 0 {
		t.Fatal("the README's workflow has no job")
	}
	ref := regexp.MustCompile(`\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}`)
	for name, job := range wf.Jobs {
		if job.Permissions["security-events"] != "write" {
			t.Errorf("job %s: uploading SARIF needs permissions security-events: write", name)
		}
		steps := map[string]workflowStep{}
		var scan, upload *workflowStep
		for i, s := range job.Steps {
			if s.ID != "" {
				steps[s.ID] = s
			}
			switch {
			case strings.HasPrefix(s.Uses, "acrlint/acrlint@"):
				scan = &job.Steps[i]
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				upload = &job.Steps[i]
			}
		}
		if scan == nil || upload == nil {
			t.Fatalf("job %s: want a step using acrlint/acrlint and one using github/codeql-action/upload-sarif", name)
		}
		for in := range scan.With {
			if _, ok := action.Inputs[in]; !ok {
				t.Errorf("the workflow passes input %q, which action.yml does not declare", in)
			}
		}
		for in, decl := range action.Inputs {
			if _, given := scan.With[in]; decl.Required && decl.Default == nil && !given {
				t.Errorf("the workflow does not pass the required input %q", in)
			}
		}
		if upload.If != "always()" {
			t.Errorf("the upload step must run when the scan step fails on findings: if: always(), got %q", upload.If)
		}
		m := ref.FindStringSubmatch(upload.With["sarif_file"])
		if m == nil {
			t.Fatalf("the upload step's sarif_file is not an output of the scan step: %q", upload.With["sarif_file"])
		}
		if s, ok := steps[m[1]]; !ok || s.Uses != scan.Uses {
			t.Errorf("sarif_file reads step %q, which is not the acrlint step", m[1])
		}
		if _, ok := action.Outputs[m[2]]; !ok {
			t.Errorf("sarif_file reads output %q, which action.yml does not declare", m[2])
		}
	}
}

// The README's pre-commit snippet names the hook .pre-commit-hooks.yaml
// defines (.ci/pre-commit-test runs the snippet itself).
func TestReadmePreCommitHook(t *testing.T) {
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(readmeYAML(t, "repos:")), &cfg); err != nil {
		t.Fatalf("the README's pre-commit config is not YAML: %v", err)
	}
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID string `yaml:"id"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "https://github.com/acrlint/acrlint" || cfg.Repos[0].Rev == "" {
		t.Fatalf("the snippet should name this repository and a rev: %+v", cfg.Repos)
	}
	for _, h := range cfg.Repos[0].Hooks {
		if !slices.ContainsFunc(hooks, func(x struct {
			ID string `yaml:"id"`
		}) bool {
			return x.ID == h.ID
		}) {
			t.Errorf("the snippet uses hook %q, which .pre-commit-hooks.yaml does not define", h.ID)
		}
	}
}

// TestActionRuns runs the composite action's shell steps the way the
// runner would, with its default inputs, on a workspace holding the broken
// example: the step fails on the findings, annotates them and leaves a
// valid SARIF file where its sarif-file output says.
func TestActionRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds acrlint")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	action := readAction(t)
	if action.Runs.Using != "composite" {
		t.Fatalf("action.yml runs %q, want composite", action.Runs.Using)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	workspace, temp := t.TempDir(), t.TempDir()
	src, err := os.ReadFile("../../examples/terraform/broken/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(workspace, "main.tf"), src, 0o600); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]string{}
	for name, in := range action.Inputs {
		if in.Default != nil {
			inputs[name] = *in.Default
		}
	}
	expr := regexp.MustCompile(`\$\{\{\s*([\w.-]+)\s*\}\}`)
	expand := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			name := expr.FindStringSubmatch(m)[1]
			if in, ok := strings.CutPrefix(name, "inputs."); ok {
				return inputs[in]
			}
			if name == "github.action_path" {
				return repo
			}
			t.Fatalf("the test does not know %s", m)
			return ""
		})
	}
	var ran int
	var lastOut string
	var lastErr error
	for _, step := range action.Runs.Steps {
		if step.Run == "" {
			continue // actions/setup-go: Go is already here
		}
		if step.Shell != "bash" {
			t.Fatalf("step %q runs in %q, want bash", step.Name, step.Shell)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, bash, "-e", "-o", "pipefail", "-c", expand(step.Run)) //nolint:gosec // the action's own script
		cmd.Dir = workspace
		cmd.Env = append(os.Environ(), "GITHUB_ACTION_PATH="+repo, "RUNNER_TEMP="+temp, "GITHUB_WORKSPACE="+workspace)
		for k, v := range step.Env {
			cmd.Env = append(cmd.Env, k+"="+expand(v))
		}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		lastErr = cmd.Run()
		cancel()
		lastOut = out.String()
		ran++
		if lastErr != nil && step.Name != "Scan" {
			t.Fatalf("step %q failed: %v\n%s", step.Name, lastErr, lastOut)
		}
	}
	if ran < 2 {
		t.Fatalf("the action has %d shell steps, want a build and a scan", ran)
	}
	var exit *exec.ExitError
	if lastErr == nil || !errors.As(lastErr, &exit) || exit.ExitCode() != ExitFindings {
		t.Errorf("the scan step must fail with exit %d on the broken example, got %v\n%s", ExitFindings, lastErr, lastOut)
	}
	if !strings.Contains(lastOut, "::error file=main.tf,line=") {
		t.Errorf("the scan step does not annotate the findings:\n%s", lastOut)
	}
	out := expand(action.Outputs["sarif-file"].Value)
	sarif, err := os.ReadFile(filepath.Join(workspace, out))
	if err != nil {
		t.Fatalf("the sarif-file output %q names no file: %v", out, err)
	}
	sariftest.Validate(t, sarif)
	if !bytes.Contains(sarif, []byte(`"ruleId": "ACR001"`)) {
		t.Error("the SARIF file lacks the ACR001 finding")
	}
}
