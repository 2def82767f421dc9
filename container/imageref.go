package container

import "strings"

// Reading an image reference as the apiserver's defaulting reads it
// (pkg/util/parsers ParseImageName, which is
// github.com/distribution/reference v0.6.0 ParseNormalizedNamed): whether
// it parses, and its tag. Only that much is needed, for the default pull
// policy, so nothing is built: the reader walks the string once per part
// and allocates nothing.

// imageTag returns image's tag and whether it names a digest, as
// ParseImageName finds them; ok is false when the reference does not
// parse (the default then sees no tag at all).
func imageTag(image string) (tag string, digest, ok bool) {
	// A bare 64-digit hexadecimal string is refused as a name.
	if isHexID(image) {
		return "", false, false
	}
	domain, remainder, library := splitDockerDomain(image)
	remote := remainder
	if i := strings.IndexByte(remainder, ':'); i >= 0 {
		remote = remainder[:i]
	}
	if hasUpper(remote) {
		return "", false, false // repository name must be lowercase
	}
	// What Parse then reads is domain + "/" + remainder: a name, an
	// optional ":" tag, an optional "@" digest.
	rest, dig, hasDigest := strings.Cut(remainder, "@")
	if hasDigest && !isSupportedDigest(dig) {
		return "", false, false
	}
	name := rest
	// A ':' after the last '/' starts the tag: no name has one there.
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && i > strings.LastIndexByte(rest, '/') {
		name, tag = rest[:i], rest[i+1:]
		if !isTag(tag) {
			return "", false, false
		}
	}
	extra := 0
	if library {
		extra = len("library/")
	}
	if !isName(domain, name, extra) {
		return "", false, false
	}
	return tag, hasDigest, true
}

// splitDockerDomain splits a reference into its registry and the rest,
// as distribution/reference normalize.go splitDockerDomain does; library
// reports that Docker Hub's canonical form puts "library/" before the rest
// ("nginx" is docker.io/library/nginx), which is left to the caller so as
// not to build the string.
func splitDockerDomain(name string) (domain, remainder string, library bool) {
	first, rest, ok := strings.Cut(name, "/")
	switch {
	case !ok:
		return "docker.io", name, true
	case first == "localhost":
		domain, remainder = first, rest
	case first == "index.docker.io":
		domain, remainder = "docker.io", rest
	case strings.ContainsAny(first, ".:"), hasUpper(first):
		domain, remainder = first, rest
	default:
		domain, remainder = "docker.io", name
	}
	return domain, remainder, domain == "docker.io" && !strings.Contains(remainder, "/")
}

// isName reports whether domain + "/" + path matches the reference
// grammar's name: a domain (host, optional port) and a path, or the whole
// of it a path; the path (the repository, after the domain when there is
// one) at most 255 bytes. extra is the length of a "library/" the path
// would start with (which is a path component).
func isName(domain, path string, extra int) bool {
	if isDomainAndPort(domain) && isRemoteName(path) {
		return extra+len(path) <= 255
	}
	// Without its domain: every part a path component.
	return isPathComponent(domain) && isRemoteName(path) && len(domain)+1+extra+len(path) <= 255
}

// isDomainAndPort: a host (DNS-style components of letters, digits and
// inner '-', joined by '.', or a bracketed IPv6 address) and an optional
// ":port".
func isDomainAndPort(s string) bool {
	host := s
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return false
		}
		if end == 1 {
			return false // the brackets hold at least one character
		}
		for i := 1; i < end; i++ {
			if c := s[i]; !(isHexDigit(c) || c == ':') {
				return false
			}
		}
		port := s[end+1:]
		return port == "" || isPort(port)
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		host = s[:i]
		if !isPort(s[i:]) {
			return false
		}
	}
	if host == "" {
		return false
	}
	return everyPart(host, ".", isDomainComponent)
}

// everyPart reports whether each part of s between the separators sep
// (one at least, perhaps empty) satisfies ok.
func everyPart(s, sep string, ok func(string) bool) bool {
	for {
		part, rest, more := strings.Cut(s, sep)
		if !ok(part) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isPort: ":" and at least one digit.
func isPort(s string) bool {
	if len(s) < 2 || s[0] != ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDomainComponent: letters and digits, with '-' inside.
func isDomainComponent(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(isAlnum(c) || c >= 'A' && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

// isRemoteName: path components joined by '/'.
func isRemoteName(s string) bool { return everyPart(s, "/", isPathComponent) }

// isPathComponent: runs of lowercase letters and digits joined by one
// separator each: ".", "_", "__" or any number of "-".
func isPathComponent(s string) bool {
	i := 0
	for {
		start := i
		for i < len(s) && isAlnum(s[i]) {
			i++
		}
		if i == start {
			return false // a component starts, and a separator is followed, by a letter or digit
		}
		if i == len(s) {
			return true
		}
		switch s[i] {
		case '.':
			i++
		case '_':
			i++
			if i < len(s) && s[i] == '_' {
				i++
			}
		case '-':
			for i < len(s) && s[i] == '-' {
				i++
			}
		default:
			return false
		}
	}
}

// isTag: a word character, then at most 127 word characters, '.' or '-'.
func isTag(s string) bool {
	if s == "" || len(s) > 128 || !isWord(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(isWord(c) || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// isSupportedDigest: a digest the parser accepts, which go-digest then
// validates: an algorithm of those the kubelet's binaries register
// (sha256, sha384, sha512) and its length of lowercase hexadecimal.
// Anything else fails the parse: a malformed digest, and a well-formed one
// of another algorithm (ErrDigestUnsupported).
func isSupportedDigest(s string) bool {
	alg, hex, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	var n int
	switch alg {
	case "sha256":
		n = 64
	case "sha384":
		n = 96
	case "sha512":
		n = 128
	default:
		return false
	}
	return len(hex) == n && isLowerHex(hex)
}

// isHexID: exactly 64 lowercase hexadecimal digits.
func isHexID(s string) bool { return len(s) == 64 && isLowerHex(s) }

// isLowerHex: digits and a to f only.
func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// hasUpper reports whether s has an ASCII capital. Upstream lowercases
// all of Unicode to tell; a reference with any other letter it would
// change fails the grammar later all the same, so the answer is the same.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
func isWord(c byte) bool  { return isAlnum(c) || c >= 'A' && c <= 'Z' || c == '_' }
func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
