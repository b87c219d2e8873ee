// Package terraform holds the Python original's EC2 + security group configuration, written
// properly. There is no terraform binary in CI: these tests parse the files with
// HashiCorp's own HCL parser and assert the rules a reviewer would check.
package terraform

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// config is every top-level block of the *.tf files, by type.
type config struct {
	blocks map[string][]*hclsyntax.Block
}

func load(t *testing.T) config {
	t.Helper()
	files, err := filepath.Glob("*.tf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no *.tf files: %v", err)
	}
	p := hclparse.NewParser()
	c := config{blocks: map[string][]*hclsyntax.Block{}}
	for _, name := range files {
		f, diags := p.ParseHCLFile(name)
		if diags.HasErrors() {
			t.Fatalf("parse %s: %s", name, diags.Error())
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			c.blocks[b.Type] = append(c.blocks[b.Type], b)
		}
	}
	return c
}

// block finds the block of this type whose labels are labels.
func (c config) block(t *testing.T, typ string, labels ...string) *hclsyntax.Block {
	t.Helper()
	for _, b := range c.blocks[typ] {
		if slices.Equal(b.Labels, labels) {
			return b
		}
	}
	t.Fatalf("no %s %q", typ, labels)
	return nil
}

// value evaluates a constant attribute (no references).
func value(t *testing.T, b *hclsyntax.Block, name string) cty.Value {
	t.Helper()
	a, ok := b.Body.Attributes[name]
	if !ok {
		t.Fatalf("%s %q has no %s", b.Type, b.Labels, name)
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("%s %q: %s: %s", b.Type, b.Labels, name, diags.Error())
	}
	return v
}

// refersTo reports whether attribute name of b is exactly the reference ref, e.g. "each.value".
func refersTo(b *hclsyntax.Block, name, ref string) bool {
	a, ok := b.Body.Attributes[name]
	if !ok {
		return false
	}
	vars := a.Expr.Variables()
	return len(vars) == 1 && traversalString(vars[0]) == ref
}

// onlyRefersTo reports whether attribute name of b exists and refers to nothing but ref.
func onlyRefersTo(b *hclsyntax.Block, name, ref string) bool {
	a, ok := b.Body.Attributes[name]
	if !ok || len(a.Expr.Variables()) == 0 {
		return false
	}
	for _, v := range a.Expr.Variables() {
		if traversalString(v) != ref {
			return false
		}
	}
	return true
}

func traversalString(tr hcl.Traversal) string {
	s := tr.RootName()
	for _, step := range tr[1:] {
		if a, ok := step.(hcl.TraverseAttr); ok {
			s += "." + a.Name
		}
	}
	return s
}

func TestFilesParse(t *testing.T) {
	c := load(t)
	for _, typ := range []string{"terraform", "provider", "variable", "resource", "output"} {
		if len(c.blocks[typ]) == 0 {
			t.Errorf("no %s block", typ)
		}
	}
}

// TestSSHNotOpenToTheWorld: the Python original allowed 22/tcp from 0.0.0.0/0. Here SSH rules
// exist only for the CIDRs the operator names, the default names none, and the
// variable's validation refuses every entry wider than a /16 (IPv4) or a /48
// (IPv6), which also refuses 0.0.0.0/0 however it is written, ::/0, and ranges
// that only add up to the internet (0.0.0.0/1 + 128.0.0.0/1).
func TestSSHNotOpenToTheWorld(t *testing.T) {
	c := load(t)

	sg := c.block(t, "resource", "aws_security_group", "web")
	for _, b := range sg.Body.Blocks {
		if b.Type == "ingress" {
			t.Errorf("aws_security_group.web has an inline ingress block; use aws_vpc_security_group_ingress_rule")
		}
	}

	var sshRules int
	for _, b := range c.blocks["resource"] {
		if b.Labels[0] != "aws_vpc_security_group_ingress_rule" {
			continue
		}
		from, to := value(t, b, "from_port"), value(t, b, "to_port")
		covers22 := from.AsBigFloat().Cmp(cty.NumberIntVal(22).AsBigFloat()) <= 0 &&
			to.AsBigFloat().Cmp(cty.NumberIntVal(22).AsBigFloat()) >= 0
		if !covers22 {
			continue
		}
		sshRules++
		if !refersTo(b, "for_each", "var.ssh_cidr_blocks") || !onlyRefersTo(b, "cidr_ipv4", "each.value") || !onlyRefersTo(b, "cidr_ipv6", "each.value") {
			t.Errorf("ingress rule %s reaches port 22 but does not take its CIDRs from var.ssh_cidr_blocks", b.Labels[1])
		}
	}
	if sshRules != 1 {
		t.Errorf("want exactly one SSH ingress rule, found %d", sshRules)
	}

	v := c.block(t, "variable", "ssh_cidr_blocks")
	if def := value(t, v, "default"); def.LengthInt() != 0 {
		t.Errorf("ssh_cidr_blocks defaults to %#v; want [] (SSH closed unless asked for)", def)
	}

	for _, tc := range []struct {
		cidrs []string
		ok    bool
	}{
		{nil, true},
		{[]string{"203.0.113.7/32"}, true},
		{[]string{"10.20.0.0/16", "192.168.1.0/24"}, true},
		{[]string{"0.0.0.0/0"}, false},
		{[]string{"10.20.0.0/16", "0.0.0.0/0"}, false},
		{[]string{"not-a-cidr"}, false},
		// The minimum prefix (issue 13.4): /16 for IPv4, /48 for IPv6. Without it,
		// ranges that add up to the internet pass a check for the literal 0.0.0.0/0.
		{[]string{"10.0.0.0/8"}, false},
		{[]string{"10.0.0.0/15"}, false},
		{[]string{"10.1.0.0/16"}, true},
		{[]string{"0.0.0.0/1", "128.0.0.0/1"}, false},
		{[]string{"0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"}, false},
		{[]string{"1.2.3.4/0"}, false},  // 0.0.0.0/0 written with host bits
		{[]string{"0.0.0.0/00"}, false}, // … or with a zero-padded length
		{[]string{"0/0"}, false},
		{[]string{"::/0"}, false},
		{[]string{"0:0:0:0:0:0:0:0/0"}, false},
		{[]string{"::/1", "8000::/1"}, false},
		{[]string{"2000::/3"}, false},
		{[]string{"2001:db8::/47"}, false},
		{[]string{"2001:db8:1::/48"}, true},
		{[]string{"2001:db8::7/128", "203.0.113.7/32"}, true},
		{[]string{"::ffff:0.0.0.0/96"}, false}, // IPv4-mapped: all of IPv4 in IPv6 notation
		{[]string{"::ffff:0:0/96"}, false},
	} {
		if got := validates(t, v, tc.cidrs); got != tc.ok {
			t.Errorf("ssh_cidr_blocks = %q: validation passes = %v, want %v", tc.cidrs, got, tc.ok)
		}
	}
}

// validates evaluates every validation condition of variable block v with
// var.<name> = cidrs, using the functions the conditions call.
func validates(t *testing.T, v *hclsyntax.Block, cidrs []string) bool {
	t.Helper()
	vals := []cty.Value{}
	for _, c := range cidrs {
		vals = append(vals, cty.StringVal(c))
	}
	list := cty.ListValEmpty(cty.String)
	if len(vals) > 0 {
		list = cty.ListVal(vals)
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{v.Labels[0]: list})},
		Functions: map[string]function.Function{
			"alltrue":  allTrue,
			"contains": stdlib.ContainsFunc,
			"anytrue":  anyTrue,
			"can":      tryfunc.CanFunc,
			"cidrhost": cidrHost,
			"try":      tryfunc.TryFunc,
			"regex":    stdlib.RegexFunc,
			"tonumber": stdlib.MakeToFunc(cty.Number),
		},
	}
	ok := true
	for _, b := range v.Body.Blocks {
		if b.Type != "validation" {
			continue
		}
		got, diags := b.Body.Attributes["condition"].Expr.Value(ctx)
		if diags.HasErrors() {
			t.Fatalf("evaluate validation of %s: %s", v.Labels[0], diags.Error())
		}
		ok = ok && got.True()
	}
	return ok
}

// Terraform's alltrue, anytrue and cidrhost, enough for these conditions.
var allTrue = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, v := range args[0].AsValueSlice() {
			if !v.True() {
				return cty.False, nil
			}
		}
		return cty.True, nil
	},
})

var anyTrue = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, v := range args[0].AsValueSlice() {
			if v.True() {
				return cty.True, nil
			}
		}
		return cty.False, nil
	},
})

var cidrHost = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR: %w", err)
		}
		return cty.StringVal(p.Masked().Addr().String()), nil
	},
})

func TestInstance(t *testing.T) {
	c := load(t)
	inst := c.block(t, "resource", "aws_instance", "web")
	if _, ok := inst.Body.Attributes["security_groups"]; ok {
		t.Error("aws_instance.web uses security_groups (names); use vpc_security_group_ids")
	}
	if !refersTo(inst, "vpc_security_group_ids", "aws_security_group.web.id") {
		t.Error("aws_instance.web is not attached to aws_security_group.web by ID")
	}
	if a := inst.Body.Attributes["ami"]; a == nil || len(a.Expr.Variables()) == 0 {
		t.Error("aws_instance.web has a hard-coded AMI; look it up or take a variable")
	}
	var imdsv2 bool
	for _, b := range inst.Body.Blocks {
		if b.Type == "metadata_options" {
			imdsv2 = value(t, b, "http_tokens").AsString() == "required"
		}
	}
	if !imdsv2 {
		t.Error("aws_instance.web does not require IMDSv2 tokens")
	}
}

// TestTags: the provider tags every resource (default_tags), each resource that
// people look for in the console has its own Name.
func TestTags(t *testing.T) {
	c := load(t)
	p := c.block(t, "provider", "aws")
	var dt bool
	for _, b := range p.Body.Blocks {
		dt = dt || b.Type == "default_tags"
	}
	if !dt {
		t.Error("provider aws has no default_tags")
	}
	for _, r := range [][]string{{"aws_instance", "web"}, {"aws_security_group", "web"}} {
		b := c.block(t, "resource", r...)
		if _, ok := b.Body.Attributes["tags"]; !ok {
			t.Errorf("%s.%s has no tags", r[0], r[1])
		}
	}
}

func TestVariablesAndOutputs(t *testing.T) {
	c := load(t)
	for _, v := range c.blocks["variable"] {
		for _, attr := range []string{"description", "type"} {
			if _, ok := v.Body.Attributes[attr]; !ok {
				t.Errorf("variable %s has no %s", v.Labels[0], attr)
			}
		}
	}
	var outputs []string
	for _, o := range c.blocks["output"] {
		outputs = append(outputs, o.Labels[0])
		if _, ok := o.Body.Attributes["description"]; !ok {
			t.Errorf("output %s has no description", o.Labels[0])
		}
	}
	for _, want := range []string{"instance_id", "public_ip", "security_group_id"} {
		if !slices.Contains(outputs, want) {
			t.Errorf("no output %q (have %q)", want, outputs)
		}
	}
}

// TestNoSecrets: credentials come from the environment, never the configuration.
func TestNoSecrets(t *testing.T) {
	c := load(t)
	for _, p := range c.blocks["provider"] {
		for _, k := range []string{"access_key", "secret_key", "token"} {
			if _, ok := p.Body.Attributes[k]; ok {
				t.Errorf("provider %s sets %s", p.Labels[0], k)
			}
		}
	}
	if _, err := os.Stat("terraform.tfvars"); err == nil {
		t.Error("terraform.tfvars is checked in; keep only terraform.tfvars.example")
	}
}
