package armexpr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/acrlint/acrlint/internal/graph"
)

// maxJSONDepth bounds the nesting of JSON that json() parses.
const maxJSONDepth = 256

// parseJSON parses the JSON text given to json() and base64ToJson(). Like
// the Json.NET reader ARM uses it is lenient: strings may be single-quoted,
// property names may be bare identifiers, and comments and trailing commas
// are allowed. Integers become int64 and other numbers float64.
func parseJSON(s string) (graph.Value, error) {
	p := &jsonParser{s: s}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.errorf("unexpected %q after the value", p.s[p.i])
	}
	return v, nil
}

type jsonParser struct {
	s string
	i int
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at character %d: %s", p.i, fmt.Sprintf(format, args...))
}

// space skips white space and comments.
func (p *jsonParser) space() {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case strings.HasPrefix(p.s[p.i:], "//"):
			end := strings.IndexByte(p.s[p.i:], '\n')
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 1
			}
		case strings.HasPrefix(p.s[p.i:], "/*"):
			end := strings.Index(p.s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 4
			}
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (graph.Value, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("nested deeper than %d levels", maxJSONDepth)
	}
	if p.i >= len(p.s) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"' || c == '\'':
		return p.str()
	case c == '-' || isDigit(c):
		return p.number()
	default:
		word := p.word()
		switch word {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		case "":
			return nil, p.errorf("unexpected %q", c)
		}
		return nil, p.errorf("unexpected %q", word)
	}
}

func (p *jsonParser) word() string {
	start := p.i
	for p.i < len(p.s) && (isIdentChar(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *jsonParser) object(depth int) (graph.Value, error) {
	p.i++ // {
	out := map[string]graph.Value{}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unterminated object")
		}
		if p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		var key string
		if c := p.s[p.i]; c == '"' || c == '\'' {
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			key = k.(string)
		} else if key = p.word(); key == "" {
			return nil, p.errorf("expected a property name, found %q", c)
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.errorf("expected ':' after the property name %q", key)
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out[key] = v
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return out, nil
		}
		return nil, p.errorf("expected ',' or '}' in an object")
	}
}

func (p *jsonParser) array(depth int) (graph.Value, error) {
	p.i++ // [
	out := []graph.Value{}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unterminated array")
		}
		if p.s[p.i] == ']' {
			p.i++
			return out, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return out, nil
		}
		return nil, p.errorf("expected ',' or ']' in an array")
	}
}

func (p *jsonParser) str() (graph.Value, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch c {
		case q:
			p.i++
			return b.String(), nil
		case '\\':
			if p.i+1 >= len(p.s) {
				return nil, p.errorf("unterminated escape")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return nil, p.errorf("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					save := p.i
					if strings.HasPrefix(p.s[p.i:], "\\u") {
						p.i += 2
						if r2, ok := p.hex4(); ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								b.WriteRune(d)
								continue
							}
						}
					}
					p.i = save
				}
				b.WriteRune(r)
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return nil, p.errorf("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		if !isHex(c) {
			return 0, false
		}
		r = r<<4 | rune(unhex(c))
	}
	p.i += 4
	return r, true
}

func (p *jsonParser) number() (graph.Value, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	isFloat := false
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		if c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && (p.s[p.i-1] == 'e' || p.s[p.i-1] == 'E')) {
			isFloat = true
		} else if !isDigit(c) {
			break
		}
	}
	text := p.s[start:p.i]
	if !isFloat {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, fmt.Errorf("at character %d: invalid number %q", start, text)
	}
	return f, nil
}
