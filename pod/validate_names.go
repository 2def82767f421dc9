package pod

// Names, labels and the apiserver's message strings: the string formats of
// staging/src/k8s.io/apimachinery/pkg/util/validation and
// pkg/api/validate/content. The messages are data: they must match the
// apiserver's to the byte.

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	msgNameRequired       = "name or generateName is required"
	msgInitNoProbes       = "may not be set for init containers without restartPolicy=Always"
	msgEphemeralField     = "cannot be set for an Ephemeral Container"
	msgEphemeralOnCreate  = "cannot be set on create"
	msgImageWhitespace    = "must not have leading or trailing whitespace"
	msgGatedNodeName      = "cannot be set until all schedulingGates have been cleared"
	msgRulesNeedPolicy    = "must specify restartPolicy when restart rules are used"
	msgExitCodesRequired  = "must be specified"
	msgSidecarRulesNoGate = "restartPolicyRules are not allowed for init containers with restart policy Always"
	msgNoDots             = "must not contain dots"
	msgOwnerAPIVersion    = "must be <group>/<version> or <version>"
	msgMustNotBeEmpty     = "must not be empty"
	msgNonEmpty           = "must be non-empty"

	dns1123LabelFmt     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
	dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
	labelKeyFmt         = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
	labelValueFmt       = "(" + labelKeyFmt + ")?"

	dns1123LabelMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
	dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
	labelKeyMsg         = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	labelValueMsg       = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

	maxNameLength      = 63 // generated names: prefix cut so that prefix+5 fits
	generatedSuffix    = "xxxxx"
	maxAnnotationBytes = 256 * 1024
	maxRestartRules    = 20
	maxExitCodeValues  = 255
)

// regexMsg renders upstream's "regex failed" message (util/validation
// RegexError): the explanation, the examples and the regex.
func regexMsg(msg, re string, examples ...string) string {
	var b strings.Builder
	b.WriteString(msg)
	b.WriteString(" (")
	if len(examples) > 0 {
		b.WriteString("e.g. ")
		for i, ex := range examples {
			if i > 0 {
				b.WriteString(" or ")
			}
			b.WriteString("'" + ex + "', ")
		}
	}
	b.WriteString("regex used for validation is '" + re + "')")
	return b.String()
}

// The regex messages, rendered once: they are constant for each rule.
var (
	msgDNSLabelRegex     = regexMsg(dns1123LabelMsg, dns1123LabelFmt, "my-name", "123-abc")
	msgDNSSubdomainRegex = regexMsg(dns1123SubdomainMsg, dns1123SubdomainFmt, "example.com")
	msgLabelKeyRegex     = regexMsg(labelKeyMsg, labelKeyFmt, "MyName", "my.name", "123-abc")
	msgLabelValueRegex   = regexMsg(labelValueMsg, labelValueFmt, "MyValue", "my_value", "12345")
	msgConfigMapKeyRegex = regexMsg(msgConfigMapKey, configMapKeyFmt, "key.name", "KEY_NAME", "key-name")
	msgQualifiedSlashes  = "a valid label key " + msgLabelKeyRegex + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
)

// The length and range messages of the fixed limits, rendered once.
var (
	msgMax15Chars      = maxLenMsg(15, "characters")
	msgMax63Chars      = maxLenMsg(63, "characters")
	msgMax253Chars     = maxLenMsg(253, "characters")
	msgMax63Bytes      = maxLenMsg(63, "bytes")
	msgNamePartMax63   = "name part " + msgMax63Bytes
	msgPortNumberRange = rangeMsg(1, 65535)
)

// maxLenMsg renders upstream's length message; unit is "characters" in
// util/validation and "bytes" in api/validate/content.
func maxLenMsg(n int, unit string) string {
	return "must be no more than " + strconv.Itoa(n) + " " + unit
}

func rangeMsg(lo, hi int64) string {
	return "must be between " + strconv.FormatInt(lo, 10) + " and " + strconv.FormatInt(hi, 10) + ", inclusive"
}

func tooManyMsg(n int) string {
	if n == 1 {
		return "must have at most 1 item"
	}
	return "must have at most " + strconv.Itoa(n) + " items"
}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

// text is what the name matchers read: a string, or bytes assembled in a
// caller's buffer (a generated name, a PVC name), so that no string is made
// for a name that turns out valid.
type text interface{ ~string | ~[]byte }

// matchesDNSLabel reports whether s matches dns1123LabelFmt exactly.
func matchesDNSLabel[S text](s S) bool {
	if len(s) == 0 || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isLowerAlnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// matchesDNSSubdomain reports whether s matches dns1123SubdomainFmt exactly:
// dot-separated DNS labels.
func matchesDNSSubdomain[S text](s S) bool {
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			if !matchesDNSLabel(s[start:i]) {
				return false
			}
			start = i + 1
		}
	}
	return matchesDNSLabel(s[start:])
}

// isDNSSubdomain reports whether dnsSubdomainProblems finds nothing in s.
func isDNSSubdomain[S text](s S) bool { return len(s) <= 253 && matchesDNSSubdomain(s) }

// matchesLabelKeyName reports whether s matches labelKeyFmt exactly.
func matchesLabelKeyName[S text](s S) bool {
	if len(s) == 0 || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// isQualifiedNameText reports whether qualifiedNameProblems finds nothing in s
// (the test pins the two together): at most one '/', a DNS-subdomain prefix
// before it, and a name of at most 63 label-key characters.
func isQualifiedNameText[S text](s S) bool {
	name := s
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			if len(name) != len(s) {
				return false // a second '/'
			}
			if prefix := s[:i]; len(prefix) == 0 || !isDNSSubdomain(prefix) {
				return false
			}
			name = s[i+1:]
		}
	}
	return len(name) <= 63 && matchesLabelKeyName(name)
}

// lowerASCII appends s with ASCII letters lowered to b, and reports whether
// s is ASCII (strings.ToLower is then the same).
func lowerASCII(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return b, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// dnsLabelProblems lists why s is not a DNS-1123 label
// (util/validation IsDNS1123Label).
func dnsLabelProblems(s string) []string {
	var out []string
	if len(s) > 63 {
		out = append(out, msgMax63Chars)
	}
	if !matchesDNSLabel(s) {
		if matchesDNSSubdomain(s) {
			out = append(out, msgNoDots)
		} else {
			out = append(out, msgDNSLabelRegex)
		}
	}
	return out
}

// dnsSubdomainProblems lists why s is not a DNS-1123 subdomain
// (util/validation IsDNS1123Subdomain, unit "characters";
// api/validate/content IsDNS1123Subdomain, unit "bytes").
func dnsSubdomainProblems(s, unit string) []string {
	var out []string
	if len(s) > 253 {
		out = append(out, maxLenMsg(253, unit))
	}
	if !matchesDNSSubdomain(s) {
		out = append(out, msgDNSSubdomainRegex)
	}
	return out
}

// qualifiedNameProblems lists why s is not a qualified name (a label key:
// an optional DNS-subdomain prefix and '/', then a name of at most 63
// alphanumerics, '-', '_', '.'), as api/validate/content IsLabelKey does.
func qualifiedNameProblems(s string) []string {
	var out []string
	name := s
	switch strings.Count(s, "/") {
	case 0:
	case 1:
		i := strings.IndexByte(s, '/')
		prefix := s[:i]
		name = s[i+1:]
		if prefix == "" {
			out = append(out, "prefix part "+msgNonEmpty)
		} else {
			for _, m := range dnsSubdomainProblems(prefix, "bytes") {
				out = append(out, "prefix part "+m)
			}
		}
	default:
		return []string{msgQualifiedSlashes}
	}
	if name == "" {
		out = append(out, "name part "+msgNonEmpty)
	} else if len(name) > 63 {
		out = append(out, msgNamePartMax63)
	}
	if !matchesLabelKeyName(name) {
		out = append(out, "name part "+msgLabelKeyRegex)
	}
	return out
}

// labelValueProblems lists why s is not a label value
// (api/validate/content IsLabelValue).
func labelValueProblems(s string) []string {
	var out []string
	if len(s) > 63 {
		out = append(out, msgMax63Bytes)
	}
	if s != "" && !matchesLabelKeyName(s) {
		out = append(out, msgLabelValueRegex)
	}
	return out
}

// maskGenerateName reproduces what upstream validates for a generateName
// (pkg/api/validation/generic.go NameIsDNSSubdomain with prefix=true,
// maskTrailingDash): a trailing '-' is allowed. Upstream does this by
// replacing the last TWO bytes with "a"; that quirk is kept, since it
// decides which prefixes are reported. A lone "-" becomes "a".
func maskGenerateName(s string) string {
	if !strings.HasSuffix(s, "-") {
		return s
	}
	var buf [maxNameLength]byte
	return string(appendMaskedGenerateName(buf[:0], s))
}

// appendMaskedGenerateName appends maskGenerateName(s) to b.
func appendMaskedGenerateName(b []byte, s string) []byte {
	if !strings.HasSuffix(s, "-") {
		return append(b, s...)
	}
	if len(s) < 2 {
		return append(b, 'a')
	}
	return append(append(b, s[:len(s)-2]...), 'a')
}

// appendGeneratedName appends to b the name the apiserver would give a pod
// that has only a generateName (apiserver names.SimpleNameGenerator): the
// prefix cut to 58 bytes plus 5 random lowercase alphanumerics, here fixed.
func appendGeneratedName(b []byte, prefix string) []byte {
	if max := maxNameLength - len(generatedSuffix); len(prefix) > max {
		prefix = prefix[:max]
	}
	return append(append(b, prefix...), generatedSuffix...)
}
