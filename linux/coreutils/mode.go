package coreutils

import (
	"errors"
	"strings"
)

// Mode bits as chmod(2) sees them.
const (
	sUID = 0o4000
	sGID = 0o2000
	sVTX = 0o1000
	rUGO = 0o444
	wUGO = 0o222
	xUGO = 0o111
	allM = 0o7777
)

// ErrInvalidMode is returned by ParseMode for anything chmod would reject.
var ErrInvalidMode = errors.New("invalid mode")

type modeFlag int

const (
	ordinary  modeFlag = iota
	copyExist          // g=u: copy another class's current bits
	xIfAnyX            // X: execute only for dirs or if someone already has x
)

type modeChange struct {
	op        byte // '=', '+' or '-'
	flag      modeFlag
	affected  uint32 // bits of the who-list (u, g, o, a); 0 = none given
	value     uint32
	mentioned uint32
}

// Mode is a parsed chmod mode: a list of changes applied in order.
type Mode []modeChange

// ParseMode parses an octal ("755", "0644", "4755") or symbolic
// ("u+rwx", "g=rx", "o=", "a+x", "u=rw,go=r", "g+u", "+X") mode the way
// GNU chmod does (gnulib modechange.c).
//
// Two classic misreadings, as in the Python original's comments: "g=rx" does not
// make the group the owner; it sets the group's permission bits to exactly
// r-x (clearing w). "a+x" adds execute for everyone — user, group AND
// others — not just for the owner and group.
func ParseMode(s string) (Mode, error) {
	if s == "" {
		return nil, ErrInvalidMode
	}
	if s[0] >= '0' && s[0] <= '7' {
		var v uint32
		for i := range len(s) {
			c := s[i]
			if c < '0' || c > '7' {
				return nil, ErrInvalidMode
			}
			v = v*8 + uint32(c-'0')
			if v > allM {
				return nil, ErrInvalidMode
			}
		}
		// A short octal mode (< 5 digits) leaves a directory's set-id bits
		// alone unless it sets them: "chmod 755 dir" keeps setgid.
		mentioned := uint32(allM)
		if len(s) < 5 {
			mentioned = v&(sUID|sGID) | sVTX | 0o777
		}
		return Mode{{op: '=', affected: allM, value: v, mentioned: mentioned}}, nil
	}

	var m Mode
	i := 0
	for {
		var affected uint32
	who:
		for ; i < len(s); i++ {
			switch s[i] {
			case 'u':
				affected |= sUID | 0o700
			case 'g':
				affected |= sGID | 0o070
			case 'o':
				affected |= sVTX | 0o007
			case 'a':
				affected |= allM
			case '=', '+', '-':
				break who
			default:
				return nil, ErrInvalidMode
			}
		}
		if i == len(s) {
			return nil, ErrInvalidMode // who-list without an operator: "u"
		}
		for i < len(s) && strings.IndexByte("=+-", s[i]) >= 0 {
			c := modeChange{op: s[i], affected: affected}
			i++
			if i < len(s) && s[i] >= '0' && s[i] <= '7' {
				// GNU extension: "+644", "-022", "=0" — an octal value after the
				// operator, allowed only without a who-list and as a whole clause.
				var v uint32
				for ; i < len(s) && s[i] >= '0' && s[i] <= '7'; i++ {
					if v = v*8 + uint32(s[i]-'0'); v > allM {
						return nil, ErrInvalidMode
					}
				}
				if affected != 0 || (i < len(s) && s[i] != ',') {
					return nil, ErrInvalidMode
				}
				m = append(m, modeChange{op: c.op, affected: allM, value: v, mentioned: allM})
				continue
			} else if i < len(s) && strings.IndexByte("ugo", s[i]) >= 0 {
				c.flag = copyExist
				c.value = map[byte]uint32{'u': 0o700, 'g': 0o070, 'o': 0o007}[s[i]]
				i++
			} else {
			perms:
				for ; i < len(s); i++ {
					switch s[i] {
					case 'r':
						c.value |= rUGO
					case 'w':
						c.value |= wUGO
					case 'x':
						c.value |= xUGO
					case 'X':
						c.flag = xIfAnyX
					case 's':
						c.value |= sUID | sGID
					case 't':
						c.value |= sVTX
					default:
						break perms
					}
				}
			}
			c.mentioned = c.value
			if affected != 0 {
				c.mentioned = affected & c.value
			}
			m = append(m, c)
		}
		if i == len(s) {
			return m, nil
		}
		if s[i] != ',' {
			return nil, ErrInvalidMode
		}
		i++
		if i == len(s) {
			return nil, ErrInvalidMode // trailing comma
		}
	}
}

// Apply returns the new permission bits (07777) for a file whose current
// bits are old. umask matters only for clauses without a who-list: "+x"
// honours the umask, "a+x" does not.
func (m Mode) Apply(old uint32, isDir bool, umask uint32) uint32 {
	mode := old & allM
	for _, c := range m {
		var omit uint32
		if isDir {
			omit = (sUID | sGID) &^ c.mentioned
		}
		v := c.value
		switch c.flag {
		case copyExist:
			v &= mode
			var spread uint32
			if v&rUGO != 0 {
				spread |= rUGO
			}
			if v&wUGO != 0 {
				spread |= wUGO
			}
			if v&xUGO != 0 {
				spread |= xUGO
			}
			v |= spread
		case xIfAnyX:
			if mode&xUGO != 0 || isDir {
				v |= xUGO
			}
		}
		mask := c.affected
		if mask == 0 {
			mask = ^umask
		}
		v &= mask &^ omit
		switch c.op {
		case '=':
			var preserved uint32
			if c.affected != 0 {
				preserved = ^c.affected
			}
			preserved |= omit
			mode = mode&preserved | v
		case '+':
			mode |= v
		case '-':
			mode &^= v
		}
	}
	return mode & allM
}
