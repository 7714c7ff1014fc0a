// Command natsjwt-diff writes differential test cases decided by the Go reference
// (github.com/nats-io/jwt/v2 and github.com/nats-io/nkeys), one JSON object per line.
//
// Usage: natsjwt-diff -seed N -count N [-families a,b,...]
//
// Every JWT case is a properly signed token; the reference's verdict is recorded with the claims
// Go decoded (re-marshalled with encoding/json) and Go's validation issues. Ed25519 cases record
// the verdicts of crypto/ed25519 and nkeys. See README.md beside this file.
package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"math/rand"
	"os"
	"strings"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

// ---------------------------------------------------------------- output

type issue struct {
	Description string `json:"description"`
	Blocking    bool   `json:"blocking"`
	TimeCheck   bool   `json:"timeCheck"`
}

type jwtCase struct {
	ID           int      `json:"id"`
	Kind         string   `json:"kind"`
	Family       string   `json:"family"`
	Note         string   `json:"note,omitempty"`
	Token        string   `json:"token"`
	GoCall       string   `json:"goCall"`
	OK           bool     `json:"ok"`
	Error        string   `json:"error,omitempty"`
	Claims       string   `json:"claims,omitempty"`
	MarshalError string   `json:"marshalError,omitempty"`
	Issues       []issue  `json:"issues"`
	Now          int64    `json:"now"`
	Newer        []string `json:"newer,omitempty"`
}

type edCase struct {
	ID        int    `json:"id"`
	Kind      string `json:"kind"`
	Family    string `json:"family"`
	PublicKey string `json:"publicKey"`
	Message   string `json:"message"`
	Signature string `json:"signature"`
	Ed25519   bool   `json:"ed25519"`
	NKeys     bool   `json:"nkeys"`
}

var out *json.Encoder
var nextID int

// ---------------------------------------------------------------- keys

type keys struct {
	operators, operatorSigners, accounts, accountSigners, users []nkeys.KeyPair
}

func rawKey(r *rand.Rand, p nkeys.PrefixByte) nkeys.KeyPair {
	seed := make([]byte, 32)
	r.Read(seed)
	kp, err := nkeys.FromRawSeed(p, seed)
	if err != nil {
		panic(err)
	}
	return kp
}

func newKeys(r *rand.Rand) *keys {
	k := &keys{}
	for i := 0; i < 2; i++ {
		k.operators = append(k.operators, rawKey(r, nkeys.PrefixByteOperator))
		k.operatorSigners = append(k.operatorSigners, rawKey(r, nkeys.PrefixByteOperator))
	}
	for i := 0; i < 3; i++ {
		k.accounts = append(k.accounts, rawKey(r, nkeys.PrefixByteAccount))
		k.accountSigners = append(k.accountSigners, rawKey(r, nkeys.PrefixByteAccount))
		k.users = append(k.users, rawKey(r, nkeys.PrefixByteUser))
	}
	return k
}

func pub(kp nkeys.KeyPair) string {
	s, _ := kp.PublicKey()
	return s
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.Intn(len(xs))] }

// ---------------------------------------------------------------- random values

var subjects = []string{"a", "a.b", "foo.*", "foo.>", ">", "*", "orders.new", "a.*.c", "$SYS.>",
	"_INBOX.>", "x.y.z.w", "ä.ö", "", "a b", "a..b", ".a", "a.", "a.>.b", "\t", "foo\u2028bar"}

var validSubjects = []string{"a", "a.b", "foo.*", "foo.>", ">", "orders.new", "a.*.c", "x.y.z.w", "svc.req"}

func str(r *rand.Rand) string {
	switch r.Intn(8) {
	case 0:
		return ""
	case 1:
		return "<&>\"\\/\u2028\u2029\x01\x7f"
	case 2:
		return "ünïcödé 日本 🎉"
	case 3:
		return strings.Repeat("x", 1+r.Intn(300))
	default:
		return fmt.Sprintf("n%d", r.Intn(1000))
	}
}

func num(r *rand.Rand) int64 {
	switch r.Intn(8) {
	case 0:
		return 0
	case 1:
		return -1
	case 2:
		return 1<<63 - 1
	case 3:
		return -1 << 63
	case 4:
		return r.Int63()
	case 5:
		return -r.Int63n(1000)
	default:
		return r.Int63n(100000)
	}
}

func tags(r *rand.Rand) jwt.TagList {
	var t jwt.TagList
	for i := r.Intn(3); i > 0; i-- {
		t = append(t, pick(r, []string{"a", "B", "x y", "", "Ünï", "dup", "dup"}))
	}
	return t
}

func subj(r *rand.Rand, valid bool) string {
	if valid {
		return pick(r, validSubjects)
	}
	return pick(r, subjects)
}

func strList(r *rand.Rand, valid bool) jwt.StringList {
	var l jwt.StringList
	for i := r.Intn(4); i > 0; i-- {
		l = append(l, subj(r, valid))
	}
	return l
}

// times are kept well away from "now" so that Go and the library, run seconds apart, agree.
func timeField(r *rand.Rand, now int64) int64 {
	switch r.Intn(6) {
	case 0, 1, 2:
		return 0
	case 3:
		return now + 3600 + r.Int63n(1e8)
	case 4:
		return now - 3600 - r.Int63n(1e8)
	default:
		return 1 + r.Int63n(1e6)
	}
}

func claimsData(r *rand.Rand, c *jwt.ClaimsData, now int64) {
	if r.Intn(3) == 0 {
		c.Name = str(r)
	}
	if r.Intn(4) == 0 {
		c.Audience = str(r)
	}
	c.Expires = timeField(r, now)
	c.NotBefore = timeField(r, now)
}

func permission(r *rand.Rand, valid bool) jwt.Permission {
	return jwt.Permission{Allow: strList(r, valid), Deny: strList(r, valid)}
}

func permissions(r *rand.Rand, valid bool) jwt.Permissions {
	p := jwt.Permissions{Pub: permission(r, valid), Sub: permission(r, valid)}
	if r.Intn(3) == 0 {
		p.Resp = &jwt.ResponsePermission{MaxMsgs: int(num(r) % 1000), Expires: time.Duration(r.Int63n(1e12))}
	}
	return p
}

var cidrs = []string{"10.0.0.0/8", "192.168.1.1/32", "::1/128", "2001:db8::/32", "1.2.3.4/33",
	"bogus", "1.2.3.4", "0.0.0.0/0", "10.0.0.0/8,127.0.0.1/32", " 10.1.0.0/16"}
var timeRanges = []jwt.TimeRange{{Start: "08:00:00", End: "17:00:00"}, {Start: "8:00:00", End: "9:00:00"},
	{Start: "25:00:00", End: "01:00:00"}, {Start: "", End: ""}, {Start: "10:00", End: "11:00"}}
var locales = []string{"", "UTC", "Europe/Berlin", "America/New_York", "Nowhere/Land", "Local"}
var connTypes = []string{"STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT", "MQTT_WS", "unknown", "mqtt"}

func userPermissionLimits(r *rand.Rand, valid bool) jwt.UserPermissionLimits {
	var u jwt.UserPermissionLimits
	u.Permissions = permissions(r, valid)
	for i := r.Intn(3); i > 0; i-- {
		u.Src = append(u.Src, pick(r, cidrs))
	}
	for i := r.Intn(3); i > 0; i-- {
		u.Times = append(u.Times, pick(r, timeRanges))
	}
	if r.Intn(3) == 0 {
		u.Locale = pick(r, locales)
	}
	if r.Intn(2) == 0 {
		u.Subs, u.Data, u.Payload = num(r), num(r), num(r)
	} else {
		u.Subs, u.Data, u.Payload = -1, -1, -1
	}
	u.BearerToken = r.Intn(3) == 0
	for i := r.Intn(3); i > 0; i-- {
		u.AllowedConnectionTypes = append(u.AllowedConnectionTypes, pick(r, connTypes))
	}
	return u
}

// ---------------------------------------------------------------- claims of each type

type made struct {
	claims jwt.Claims
	signer nkeys.KeyPair
	newer  map[string]string // raw JSON members of fields jwt v2.3.0 lacks, added inside "nats"
	note   string
}

func makeOperator(r *rand.Rand, k *keys, now int64, valid bool) made {
	kp := pick(r, k.operators)
	c := jwt.NewOperatorClaims(pub(kp))
	claimsData(r, &c.ClaimsData, now)
	if r.Intn(2) == 0 {
		c.SigningKeys.Add(pub(pick(r, k.operatorSigners)))
	}
	if !valid && r.Intn(2) == 0 {
		c.SigningKeys.Add(pick(r, []string{"bogus", pub(pick(r, k.accounts))}))
	}
	if r.Intn(3) == 0 {
		c.AccountServerURL = pick(r, []string{"http://localhost:9090/jwt/v1", "https://a.b", "ftp://x", "::bad", ""})
	}
	for i := r.Intn(3); i > 0; i-- {
		c.OperatorServiceURLs = append(c.OperatorServiceURLs, pick(r, []string{"nats://a:4222", "tls://b:4222", "ws://c", "http://d", "nats://", "bad url"}))
	}
	if r.Intn(2) == 0 {
		c.SystemAccount = pick(r, []string{pub(pick(r, k.accounts)), "bogus"})
	}
	if r.Intn(3) == 0 {
		c.AssertServerVersion = pick(r, []string{"2.9.0", "2.10", "x.y.z", "1.2.3-beta"})
	}
	c.StrictSigningKeyUsage = r.Intn(3) == 0
	c.Tags = tags(r)
	return made{claims: c, signer: kp}
}

func export(r *rand.Rand, k *keys, valid bool) *jwt.Export {
	e := &jwt.Export{Name: str(r), Subject: jwt.Subject(subj(r, valid))}
	e.Type = jwt.ExportType(1 + r.Intn(2))
	e.TokenReq = r.Intn(2) == 0
	if r.Intn(3) == 0 {
		e.Revocations = jwt.RevocationList{}
		e.Revocations[pub(pick(r, k.accounts))] = r.Int63n(2e9)
	}
	if e.Type == jwt.Service {
		if r.Intn(2) == 0 {
			e.ResponseType = jwt.ResponseType(pick(r, []string{"Singleton", "Stream", "Chunked", "Bogus"}))
		}
		if r.Intn(3) == 0 {
			e.ResponseThreshold = time.Duration(r.Int63n(1e10))
		}
		if r.Intn(3) == 0 {
			e.Latency = &jwt.ServiceLatency{Sampling: jwt.SamplingRate(pick(r, []int{0, 1, 50, 100})),
				Results: jwt.Subject(subj(r, valid))}
		}
	}
	if r.Intn(4) == 0 {
		e.AccountTokenPosition = uint(r.Intn(5))
	}
	e.Advertise = r.Intn(3) == 0
	if r.Intn(3) == 0 {
		e.Description = str(r)
		e.InfoURL = pick(r, []string{"http://x/y", "bad url", "http://h/\x7f", ""})
	}
	return e
}

func imprt(r *rand.Rand, k *keys, valid bool) *jwt.Import {
	i := &jwt.Import{Name: str(r), Subject: jwt.Subject(subj(r, valid)), Account: pub(pick(r, k.accounts))}
	if !valid && r.Intn(4) == 0 {
		i.Account = pick(r, []string{"", "bogus", pub(pick(r, k.users))})
	}
	i.Type = jwt.ExportType(1 + r.Intn(2))
	if r.Intn(3) == 0 {
		i.LocalSubject = jwt.RenamingSubject(subj(r, valid))
	}
	if r.Intn(5) == 0 {
		i.To = jwt.Subject(subj(r, valid))
	}
	if r.Intn(5) == 0 {
		i.Token = pick(r, []string{"bogus", "a.b.c", "http://localhost/x"})
	}
	i.Share = r.Intn(3) == 0
	return i
}

func makeAccount(r *rand.Rand, k *keys, now int64, valid bool) made {
	kp := pick(r, k.accounts)
	c := jwt.NewAccountClaims(pub(kp))
	claimsData(r, &c.ClaimsData, now)
	for n := r.Intn(3); n > 0; n-- {
		c.Imports.Add(imprt(r, k, valid))
	}
	for n := r.Intn(3); n > 0; n-- {
		c.Exports.Add(export(r, k, valid))
	}
	if r.Intn(2) == 0 {
		l := &c.Limits
		l.Subs, l.Data, l.Payload = num(r), num(r), num(r)
		l.Imports, l.Exports, l.Conn, l.LeafNodeConn = num(r)%10, num(r)%10, num(r), num(r)
		l.WildcardExports, l.DisallowBearer = r.Intn(2) == 0, r.Intn(3) == 0
		if r.Intn(2) == 0 {
			l.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: num(r), DiskStorage: num(r), Streams: num(r),
				Consumer: num(r), MaxAckPending: num(r), MemoryMaxStreamBytes: num(r), DiskMaxStreamBytes: num(r),
				MaxBytesRequired: r.Intn(2) == 0}
		}
		if r.Intn(3) == 0 {
			l.JetStreamTieredLimits = jwt.JetStreamTieredLimits{pick(r, []string{"R1", "R3", ""}): {DiskStorage: num(r), Streams: num(r)}}
		}
	}
	for n := r.Intn(3); n > 0; n-- {
		sk := pick(r, k.accountSigners)
		if r.Intn(2) == 0 {
			c.SigningKeys.Add(pub(sk))
		} else {
			s := jwt.NewUserScope()
			s.Key = pub(sk)
			s.Role = str(r)
			s.Template = userPermissionLimits(r, valid)
			c.SigningKeys.AddScopedSigner(s)
		}
	}
	if !valid && r.Intn(4) == 0 {
		c.SigningKeys.Add(pick(r, []string{"bogus", pub(pick(r, k.users))}))
	}
	if r.Intn(3) == 0 {
		c.Revocations = jwt.RevocationList{}
		for n := 1 + r.Intn(3); n > 0; n-- {
			c.Revocations[pick(r, []string{pub(pick(r, k.users)), "*", "bogus"})] = r.Int63n(2e9)
		}
	}
	if r.Intn(3) == 0 {
		c.DefaultPermissions = permissions(r, valid)
	}
	if r.Intn(3) == 0 {
		c.Mappings = jwt.Mapping{}
		for n := 1 + r.Intn(2); n > 0; n-- {
			var to []jwt.WeightedMapping
			for m := r.Intn(4); m > 0; m-- {
				to = append(to, jwt.WeightedMapping{Subject: jwt.Subject(subj(r, valid)), Weight: uint8(pick(r, []int{0, 10, 50, 100, 101, 255})),
					Cluster: pick(r, []string{"", "", "c1"})})
			}
			if r.Intn(6) == 0 {
				to = nil
			}
			c.Mappings[jwt.Subject(subj(r, valid))] = to
		}
	}
	if r.Intn(3) == 0 {
		c.Description = str(r)
		c.InfoURL = pick(r, []string{"http://x/y", "bad url", ""})
	}
	c.Tags = tags(r)
	m := made{claims: c, signer: pick(r, append(append([]nkeys.KeyPair{}, k.operators...), k.operatorSigners...))}
	if r.Intn(4) == 0 {
		// The auth-callout block, which jwt v2.3.0 does not know (it ignores it on decode).
		users, _ := json.Marshal([]string{pub(pick(r, k.users))})
		accts, _ := json.Marshal([]string{pub(pick(r, k.accounts))})
		m.newer = map[string]string{"authorization": `{"auth_users":` + string(users) + `,"allowed_accounts":` + string(accts) + `}`}
	}
	if !valid && r.Intn(8) == 0 {
		m.signer = pick(r, k.users) // Go refuses: wrong issuer prefix
		m.note = "user-signed account"
	}
	return m
}

func makeUser(r *rand.Rand, k *keys, now int64, valid bool) made {
	c := jwt.NewUserClaims(pub(pick(r, k.users)))
	claimsData(r, &c.ClaimsData, now)
	c.UserPermissionLimits = userPermissionLimits(r, valid)
	c.Tags = tags(r)
	m := made{claims: c, signer: pick(r, k.accounts)}
	if r.Intn(2) == 0 {
		m.signer = pick(r, k.accountSigners)
		c.IssuerAccount = pub(pick(r, k.accounts))
	}
	if !valid && r.Intn(8) == 0 {
		c.IssuerAccount = pick(r, []string{"bogus", pub(pick(r, k.users))})
	}
	if !valid && r.Intn(8) == 0 {
		m.signer = pick(r, k.operators)
		m.note = "operator-signed user"
	}
	return m
}

func makeActivation(r *rand.Rand, k *keys, now int64, valid bool) made {
	c := jwt.NewActivationClaims(pub(pick(r, k.accounts)))
	claimsData(r, &c.ClaimsData, now)
	c.ImportSubject = jwt.Subject(subj(r, valid))
	c.ImportType = jwt.ExportType(1 + r.Intn(2))
	c.Tags = tags(r)
	m := made{claims: c, signer: pick(r, k.accounts)}
	if r.Intn(3) == 0 {
		m.signer = pick(r, k.accountSigners)
		c.IssuerAccount = pub(pick(r, k.accounts))
	}
	return m
}

func anyValue(r *rand.Rand, depth int) interface{} {
	switch r.Intn(9) {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return str(r)
	case 3:
		return pick(r, []float64{0, 1, -1, 0.1, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, 9007199254740993,
			23764941806332.0625, 5e-324, 1.7976931348623157e308, -0.5, 100})
	case 4:
		return r.NormFloat64() * float64(int64(1)<<uint(r.Intn(80)))
	case 5:
		return float64(r.Int63n(1 << 53))
	case 6:
		if depth > 3 {
			return nil
		}
		var a []interface{}
		for i := r.Intn(4); i > 0; i-- {
			a = append(a, anyValue(r, depth+1))
		}
		return a
	default:
		if depth > 3 {
			return "deep"
		}
		m := map[string]interface{}{}
		for i := r.Intn(4); i > 0; i-- {
			m[pick(r, []string{"a", "b", "Z", "é", "<>", "k" + fmt.Sprint(r.Intn(9))})] = anyValue(r, depth+1)
		}
		return m
	}
}

func makeGeneric(r *rand.Rand, k *keys, now int64, valid bool) made {
	kp := pick(r, append(append([]nkeys.KeyPair{}, k.accounts...), k.users...))
	c := jwt.NewGenericClaims(pub(pick(r, k.users)))
	claimsData(r, &c.ClaimsData, now)
	for i := r.Intn(5); i > 0; i-- {
		c.Data[pick(r, []string{"x", "custom", "numbers", "Nested", "list"})] = anyValue(r, 0)
	}
	c.Data["type"] = pick(r, []string{"custom", "thing", "my-claim"})
	c.Data["version"] = 2
	return made{claims: c, signer: kp}
}

var makers = []struct {
	name string
	fn   func(*rand.Rand, *keys, int64, bool) made
}{{"operator", makeOperator}, {"account", makeAccount}, {"user", makeUser}, {"activation", makeActivation}, {"generic", makeGeneric}}

// ---------------------------------------------------------------- tokens

var header = base64.RawURLEncoding.EncodeToString([]byte(`{"typ":"JWT","alg":"ed25519-nkey"}`))

func signRaw(payload []byte, kp nkeys.KeyPair) string {
	signing := header + "." + base64.RawURLEncoding.EncodeToString(payload)
	sig, err := kp.Sign([]byte(signing))
	if err != nil {
		panic(err)
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// payloadOf marshals the claims as Encode would write them (issuer, iat and a jti set), with any
// newer fields spliced into "nats".
func payloadOf(r *rand.Rand, m made, now int64) []byte {
	// Encode sets iss, iat, jti, nats.type and nats.version as the reference writes them
	if _, err := m.claims.Encode(m.signer); err != nil {
		cd := m.claims.Claims()
		cd.Issuer = pub(m.signer)
		cd.IssuedAt = now
		cd.ID = fmt.Sprintf("%X", r.Int63())
		setTypeVersion(m.claims)
	}
	b, err := json.Marshal(m.claims)
	if err != nil {
		panic(err)
	}
	return withNewer(b, m.newer)
}

func withNewer(b []byte, newer map[string]string) []byte {
	if len(newer) == 0 {
		return b
	}
	t := parse(b)
	n := t.get("nats")
	for k, v := range newer {
		n.keys = append(n.keys, quote(k))
		n.vals = append(n.vals, parse([]byte(v)))
	}
	return t.bytes()
}

// verdict decodes the token as the reference does and writes the case.
func verdict(family, note, token string, newer map[string]string) {
	c := jwtCase{ID: nextID, Kind: "jwt", Family: family, Note: note, Token: token, GoCall: "Decode", Issues: []issue{}}
	nextID++
	var claims jwt.Claims
	var err error
	if genericV2(token) {
		// read as generic claims, Go keeps "nats" whole, newer fields included
		c.GoCall = "DecodeGeneric"
		claims, err = jwt.DecodeGeneric(token)
	} else {
		for k := range newer {
			c.Newer = append(c.Newer, "nats."+k)
		}
		claims, err = jwt.Decode(token)
	}
	c.Now = time.Now().UTC().Unix()
	if err != nil {
		c.Error = err.Error()
	} else {
		c.OK = true
		b, merr := json.Marshal(claims)
		if merr != nil {
			// Go decodes some values its encoder refuses (a sampling rate over 100, say)
			c.MarshalError = merr.Error()
		} else {
			c.Claims = string(b)
		}
		vr := jwt.CreateValidationResults()
		claims.Validate(vr)
		c.Now = time.Now().UTC().Unix()
		for _, i := range vr.Issues {
			c.Issues = append(c.Issues, issue{i.Description, i.Blocking, i.TimeCheck})
		}
	}
	if err := out.Encode(c); err != nil {
		panic(err)
	}
}

// genericV2 tells whether the payload names no claim type jwt.Decode knows (a custom type, or no
// "nats" at all) and no v1 top-level type: jwt.Decode checks such tokens as v1 whatever their
// header says, and DecodeGeneric, which follows the header, is the reference's call for them.
func genericV2(token string) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return false
	}
	data, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	var id struct {
		Type string `json:"type"`
		Nats struct {
			Type    string `json:"type"`
			Version int    `json:"version"`
		} `json:"nats"`
	}
	// Decode's own checks come first: a type error or a version over 2 is its verdict
	if json.Unmarshal(data, &id) != nil || id.Type != "" || id.Nats.Version > 2 {
		return false
	}
	switch id.Nats.Type {
	case "operator", "account", "user", "activation", "cluster", "server":
		return false
	}
	return true
}

// ---------------------------------------------------------------- an ordered JSON tree

type node struct {
	raw   []byte // scalar bytes as written (nil for objects and arrays)
	obj   bool
	keys  [][]byte // raw encoded keys, quotes included
	vals  []*node
	arr   []*node
	isArr bool
}

func (n *node) get(key string) *node {
	q := string(quote(key))
	for i, k := range n.keys {
		if string(k) == q {
			return n.vals[i]
		}
	}
	return nil
}

func quote(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimRight(b.Bytes(), "\n")
}

func parse(b []byte) *node {
	p := &parser{b: b}
	n := p.value()
	return n
}

type parser struct {
	b []byte
	i int
}

func (p *parser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\t' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *parser) str() []byte {
	s := p.i
	p.i++
	for p.b[p.i] != '"' {
		if p.b[p.i] == '\\' {
			p.i++
		}
		p.i++
	}
	p.i++
	return p.b[s:p.i]
}

func (p *parser) value() *node {
	p.ws()
	switch p.b[p.i] {
	case '{':
		n := &node{obj: true}
		p.i++
		p.ws()
		if p.b[p.i] == '}' {
			p.i++
			return n
		}
		for {
			p.ws()
			k := p.str()
			p.ws()
			p.i++ // ':'
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, p.value())
			p.ws()
			c := p.b[p.i]
			p.i++
			if c == '}' {
				return n
			}
		}
	case '[':
		n := &node{isArr: true}
		p.i++
		p.ws()
		if p.b[p.i] == ']' {
			p.i++
			return n
		}
		for {
			n.arr = append(n.arr, p.value())
			p.ws()
			c := p.b[p.i]
			p.i++
			if c == ']' {
				return n
			}
		}
	case '"':
		return &node{raw: p.str()}
	default:
		s := p.i
		for p.i < len(p.b) && !strings.ContainsRune(",]} \n\t\r", rune(p.b[p.i])) {
			p.i++
		}
		return &node{raw: p.b[s:p.i]}
	}
}

func (n *node) write(b *bytes.Buffer) {
	switch {
	case n.obj:
		b.WriteByte('{')
		for i := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(n.keys[i])
			b.WriteByte(':')
			n.vals[i].write(b)
		}
		b.WriteByte('}')
	case n.isArr:
		b.WriteByte('[')
		for i, v := range n.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			v.write(b)
		}
		b.WriteByte(']')
	default:
		b.Write(n.raw)
	}
}

func (n *node) bytes() []byte {
	var b bytes.Buffer
	n.write(&b)
	return b.Bytes()
}

func (n *node) clone() *node {
	c := &node{raw: n.raw, obj: n.obj, isArr: n.isArr}
	c.keys = append(c.keys, n.keys...)
	for _, v := range n.vals {
		c.vals = append(c.vals, v.clone())
	}
	for _, v := range n.arr {
		c.arr = append(c.arr, v.clone())
	}
	return c
}

// objects lists every object node with its path (for the mutation to pick from).
func (n *node) objects(path string, acc *[]*node, paths *[]string) {
	if n.obj {
		*acc = append(*acc, n)
		*paths = append(*paths, path)
		for i, v := range n.vals {
			v.objects(path+"/"+string(n.keys[i]), acc, paths)
		}
	}
	for i, v := range n.arr {
		v.objects(fmt.Sprintf("%s[%d]", path, i), acc, paths)
	}
}

func (n *node) kind() string {
	switch {
	case n.obj:
		return "object"
	case n.isArr:
		return "array"
	case n.raw[0] == '"':
		return "string"
	case string(n.raw) == "true" || string(n.raw) == "false":
		return "bool"
	case string(n.raw) == "null":
		return "null"
	}
	return "number"
}

// ---------------------------------------------------------------- raw payload families

func unquote(k []byte) string {
	var s string
	json.Unmarshal(k, &s)
	return s
}

// alternative returns another value of the same JSON kind (usually), to duplicate a member with.
func alternative(r *rand.Rand, v *node, donors []*node) *node {
	if r.Intn(5) == 0 {
		return &node{raw: []byte("null")}
	}
	switch v.kind() {
	case "object":
		// a donor object of the same shape when one exists: the occurrences must merge
		for tries := 0; tries < 8; tries++ {
			d := pick(r, donors)
			if d.obj && len(d.keys) > 0 {
				return d.clone()
			}
		}
		return &node{obj: true}
	case "array":
		a := v.clone()
		if len(a.arr) > 0 && r.Intn(2) == 0 {
			a.arr = a.arr[:r.Intn(len(a.arr))]
		} else {
			a.arr = append(a.arr, &node{raw: quote(pick(r, validSubjects))})
		}
		return a
	case "string":
		return &node{raw: quote(pick(r, append(validSubjects, "", "x", unquote(v.raw)+"2")))}
	case "bool":
		if string(v.raw) == "true" {
			return &node{raw: []byte("false")}
		}
		return &node{raw: []byte("true")}
	case "number":
		return &node{raw: []byte(pick(r, []string{"0", "1", "-1", "42", "1700000000", "4102444800", "1.5", `"7"`}))}
	}
	return &node{raw: []byte(`"x"`)}
}

func caseVariant(r *rand.Rand, key string) string {
	switch r.Intn(7) {
	case 0:
		return strings.ToUpper(key)
	case 1:
		if key == "" {
			return key
		}
		return strings.ToUpper(key[:1]) + key[1:]
	case 2:
		return strings.Replace(key, "s", "\u017f", 1) // long s: folds to s
	case 3:
		return strings.Replace(strings.Replace(key, "k", "\u212a", 1), "K", "\u212a", 1) // Kelvin: folds to k
	case 4:
		return strings.Replace(key, "i", "\u0131", 1) // dotless i: no fold
	case 5:
		return strings.Replace(key, "i", "\u0130", 1) // dotted capital I: no fold
	default:
		var b strings.Builder
		for _, c := range key {
			if r.Intn(2) == 0 {
				b.WriteString(strings.ToUpper(string(c)))
			} else {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
}

var bigNumbers = []string{"9223372036854775807", "-9223372036854775808", "9223372036854775808",
	"-9223372036854775809", "18446744073709551615", "18446744073709551616", "1.0", "1e3", "1E3", "1e+3",
	"-0", "0.5", "1e-3", "-1.5e2", "0.0", "1e999", "-1e999", "1e-999", "4294967295", "4294967296",
	"255", "256", "-128", "127", "2147483647", "2147483648", "9007199254740993"}

func longNumber(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return strings.Repeat("9", 20+r.Intn(600))
	case 1:
		return "0." + strings.Repeat("0", 20+r.Intn(600)) + "12"
	case 2:
		return "1" + strings.Repeat("0", 20+r.Intn(600)) + ".0"
	default:
		return "1." + strings.Repeat("5", 20+r.Intn(600)) + "e2"
	}
}

func deepValue(depth int, leaf string) string {
	return strings.Repeat(`{"d":[`, depth) + leaf + strings.Repeat("]}", depth)
}

// mutate applies one raw-payload family to the tree; it reports what it did.
func mutate(r *rand.Rand, family string, t *node) string {
	var objs []*node
	var paths []string
	t.objects("", &objs, &paths)
	var donors []*node
	for _, o := range objs {
		donors = append(donors, o.vals...)
	}
	oi := r.Intn(len(objs))
	o, path := objs[oi], paths[oi]
	// favour the top level and "nats", where the claim fields are
	if r.Intn(3) == 0 {
		o, path = t, ""
	} else if n := t.get("nats"); n != nil && n.obj && r.Intn(2) == 0 {
		o, path = n, "/\"nats\""
	}
	if len(o.keys) == 0 {
		o.keys = append(o.keys, quote("x"))
		o.vals = append(o.vals, &node{raw: []byte("1")})
	}
	i := r.Intn(len(o.keys))
	key := unquote(o.keys[i])
	switch family {
	case "dup-scalar", "dup-object", "dup-array", "dup-null":
		// find a member of the wanted kind in this object if there is one
		want := map[string]string{"dup-object": "object", "dup-array": "array"}[family]
		if want != "" {
			for j := range o.keys {
				if o.vals[j].kind() == want {
					i = j
					key = unquote(o.keys[j])
					break
				}
			}
		}
		var alt *node
		if family == "dup-null" {
			alt = &node{raw: []byte("null")}
		} else {
			alt = alternative(r, o.vals[i], donors)
		}
		times := 1 + r.Intn(2)
		for n := 0; n < times; n++ {
			if r.Intn(3) == 0 { // before the original
				o.keys = append([][]byte{quote(key)}, o.keys...)
				o.vals = append([]*node{alt}, o.vals...)
			} else {
				o.keys = append(o.keys, quote(key))
				o.vals = append(o.vals, alt)
			}
			alt = alternative(r, o.vals[i], donors)
		}
		return fmt.Sprintf("%s %s x%d", path, key, times+1)
	case "case":
		v := caseVariant(r, key)
		if r.Intn(2) == 0 {
			o.keys[i] = quote(v)
			return fmt.Sprintf("%s %s renamed %q", path, key, v)
		}
		alt := alternative(r, o.vals[i], donors) // before o grows: o itself may be the donor
		o.keys = append(o.keys, quote(v))
		o.vals = append(o.vals, alt)
		return fmt.Sprintf("%s %s plus %q", path, key, v)
	case "null":
		o.vals[i] = &node{raw: []byte("null")}
		return fmt.Sprintf("%s %s null", path, key)
	case "unknown":
		k := pick(r, []string{"unknown", "x-extra", "natsx", "é", ""})
		v := pick(r, []string{`1`, `"s"`, `[1,2,{"a":null}]`, `{"a":{"b":[true,false]}}`, `null`, `1e999`,
			`12345678901234567890123`, deepValue(1+r.Intn(30), "0")})
		o.keys = append(o.keys, quote(k))
		o.vals = append(o.vals, parse([]byte(v)))
		return fmt.Sprintf("%s +%q", path, k)
	case "deep":
		d := 65 + r.Intn(500)
		o.keys = append(o.keys, quote("unknown"))
		o.vals = append(o.vals, parse([]byte(deepValue(d, "1"))))
		return fmt.Sprintf("%s depth %d", path, d)
	case "numbers":
		// into a number-valued member when one exists
		for j := range o.keys {
			if o.vals[j].kind() == "number" && r.Intn(2) == 0 {
				i, key = j, unquote(o.keys[j])
				break
			}
		}
		v := pick(r, bigNumbers)
		o.vals[i] = &node{raw: []byte(v)}
		return fmt.Sprintf("%s %s=%s", path, key, v)
	case "long-numbers":
		v := longNumber(r)
		if r.Intn(2) == 0 {
			o.vals[i] = &node{raw: []byte(v)}
		} else {
			o.keys = append(o.keys, quote("unknown"))
			o.vals = append(o.vals, &node{raw: []byte(v)})
			key = "unknown"
		}
		return fmt.Sprintf("%s %s=<%d chars>", path, key, len(v))
	case "times":
		k := pick(r, []string{"exp", "nbf", "iat"})
		v := pick(r, []string{"9223372036854775807", "-9223372036854775808", "-1", "253402300800", "-62135596801", "31556889864403199"})
		t.keys = append(t.keys, quote(k))
		t.vals = append(t.vals, &node{raw: []byte(v)})
		return fmt.Sprintf("%s=%s", k, v)
	case "strings":
		switch r.Intn(5) {
		case 0:
			o.keys = append(o.keys, quote("unknown"))
			o.vals = append(o.vals, &node{raw: quote(strings.Repeat("ab\u00e9", 1000+r.Intn(50000)))})
			return path + " long unknown string"
		case 1:
			v := pick(r, []string{`"\ud800"`, `"\udc00x"`, `"\u0000"`, `"a\/b"`, "\"\xff\xfe\"", "\"\xc3\"", `"\ud83d\ude00"`, "\"\xed\xa0\x80\""})
			if o.vals[i].kind() == "string" {
				o.vals[i] = &node{raw: []byte(v)}
			} else {
				o.keys = append(o.keys, quote("name"))
				o.vals = append(o.vals, &node{raw: []byte(v)})
			}
			return fmt.Sprintf("%s %s=%s", path, key, v)
		case 2:
			n := &node{isArr: true}
			for j := 1000 + r.Intn(20000); j > 0; j-- {
				n.arr = append(n.arr, &node{raw: quote(fmt.Sprintf("t%d", j%97))})
			}
			nats := t.get("nats")
			if nats == nil {
				nats = t
			}
			nats.keys = append(nats.keys, quote("tags"))
			nats.vals = append(nats.vals, n)
			return fmt.Sprintf("tags x%d", len(n.arr))
		case 3:
			k := strings.Repeat("k", 1+r.Intn(3000))
			o.keys = append(o.keys, quote(k))
			o.vals = append(o.vals, &node{raw: []byte("0")})
			return fmt.Sprintf("%s long key %d", path, len(k))
		default:
			o.keys[i] = []byte(`"` + strings.ReplaceAll(strings.ReplaceAll(key, "a", `\u0061`), "s", `\u0073`) + `"`)
			return fmt.Sprintf("%s %s escaped key", path, key)
		}
	}
	panic("unknown family " + family)
}

// ---------------------------------------------------------------- Ed25519

var smallOrder = []string{
	"0100000000000000000000000000000000000000000000000000000000000000",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0000000000000000000000000000000000000000000000000000000000000080",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
	// non-canonical encodings (y >= p) of small-order points
	"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	"0100000000000000000000000000000000000000000000000000000000000080",
}

var groupL, _ = new(big.Int).SetString("7237005577332262213973186563042994240857116359379907606001950938285454250989", 10)
var fieldP = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

func le(b []byte) *big.Int {
	r := make([]byte, len(b))
	for i := range b {
		r[len(b)-1-i] = b[i]
	}
	return new(big.Int).SetBytes(r)
}

func toLE32(x *big.Int) []byte {
	b := x.Bytes()
	out := make([]byte, 32)
	for i := range b {
		if i < 32 {
			out[i] = b[len(b)-1-i]
		}
	}
	return out
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func edCaseOf(r *rand.Rand, family string) {
	seed := make([]byte, 32)
	r.Read(seed)
	priv := ed25519.NewKeyFromSeed(seed)
	pubKey := append([]byte{}, priv.Public().(ed25519.PublicKey)...)
	msg := make([]byte, r.Intn(200))
	r.Read(msg)
	sig := ed25519.Sign(priv, msg)
	switch family {
	case "ed-valid":
	case "ed-flip":
		for n := 1 + r.Intn(2); n > 0; n-- {
			switch r.Intn(3) {
			case 0:
				sig[r.Intn(64)] ^= 1 << uint(r.Intn(8))
			case 1:
				pubKey[r.Intn(32)] ^= 1 << uint(r.Intn(8))
			default:
				if len(msg) > 0 {
					msg[r.Intn(len(msg))] ^= 1 << uint(r.Intn(8))
				}
			}
		}
	case "ed-s-ge-l":
		s := le(sig[32:])
		s.Add(s, new(big.Int).Mul(groupL, big.NewInt(int64(1+r.Intn(15)))))
		if s.BitLen() <= 256 {
			copy(sig[32:], toLE32(s))
		} else {
			copy(sig[32:], toLE32(new(big.Int).Add(le(sig[32:]), groupL)))
		}
		if r.Intn(4) == 0 {
			copy(sig[32:], toLE32(groupL))
		}
	case "ed-noncanon-r":
		// replace R's y by y + p where that fits in 255 bits (only for small y), else a small-order
		// point's non-canonical form
		y := new(big.Int).SetBytes(nil)
		y.SetInt64(int64(r.Intn(19)))
		y.Add(y, fieldP)
		rb := toLE32(y)
		if r.Intn(2) == 0 {
			rb[31] |= 0x80
		}
		copy(sig[:32], rb)
	case "ed-small-order":
		// small-order A and/or R, S = 0 or random: the cofactorless equation holds by chance
		if r.Intn(3) != 0 {
			pubKey = mustHex(pick(r, smallOrder))
		}
		copy(sig[:32], mustHex(pick(r, smallOrder)))
		if r.Intn(2) == 0 {
			for i := 32; i < 64; i++ {
				sig[i] = 0
			}
		}
	case "ed-random":
		r.Read(pubKey)
		r.Read(sig)
		if r.Intn(2) == 0 {
			sig[63] &= 0x0f
		}
	case "ed-length":
		if r.Intn(2) == 0 {
			sig = sig[:r.Intn(64)]
		} else {
			sig = append(sig, byte(r.Intn(256)))
		}
	}
	c := edCase{ID: nextID, Kind: "ed25519", Family: family, Message: hex.EncodeToString(msg), Signature: hex.EncodeToString(sig)}
	nextID++
	encoded, err := nkeys.Encode(nkeys.PrefixByteUser, pubKey)
	if err != nil {
		panic(err)
	}
	c.PublicKey = string(encoded)
	c.Ed25519 = len(sig) == ed25519.SignatureSize && ed25519.Verify(pubKey, msg, sig)
	kp, err := nkeys.FromPublicKey(c.PublicKey)
	if err != nil {
		panic(err)
	}
	c.NKeys = kp.Verify(msg, sig) == nil
	if err := out.Encode(c); err != nil {
		panic(err)
	}
}

// ---------------------------------------------------------------- main

var jwtFamilies = []string{"valid", "invalid", "dup-scalar", "dup-object", "dup-array", "dup-null", "case",
	"null", "unknown", "deep", "numbers", "long-numbers", "times", "strings"}
var edFamilies = []string{"ed-valid", "ed-flip", "ed-s-ge-l", "ed-noncanon-r", "ed-small-order", "ed-random", "ed-length"}

func main() {
	seed := flag.Int64("seed", 1, "random seed")
	count := flag.Int("count", 1000, "number of cases")
	only := flag.String("families", "", "comma-separated families to generate (default: all)")
	flag.Parse()
	r := rand.New(rand.NewSource(*seed))
	w := bufioWriter()
	defer w.Flush()
	out = json.NewEncoder(w)
	families := append(append([]string{}, jwtFamilies...), edFamilies...)
	if *only != "" {
		families = strings.Split(*only, ",")
	}
	k := newKeys(r)
	now := time.Now().UTC().Unix()
	for n := 0; n < *count; n++ {
		family := families[n%len(families)]
		if strings.HasPrefix(family, "ed-") {
			edCaseOf(r, family)
			continue
		}
		mk := makers[r.Intn(len(makers))]
		m := mk.fn(r, k, now, family == "valid")
		note := mk.name
		if m.note != "" {
			note += ", " + m.note
		}
		if family == "valid" || family == "invalid" {
			if len(m.newer) > 0 {
				verdict(family, note, signRaw(payloadOf(r, m, now), m.signer), m.newer)
				continue
			}
			token, err := m.claims.Encode(m.signer)
			if err != nil {
				// Encode refuses some issuers; sign the same payload directly
				verdict(family, note+", signed raw", signRaw(payloadOf(r, m, now), m.signer), nil)
				continue
			}
			verdict(family, note, token, nil)
			continue
		}
		t := parse(payloadOf(r, m, now))
		what := mutate(r, family, t)
		t.check(what)
		verdict(family, note+": "+what, signRaw(t.bytes(), m.signer), m.newer)
	}
}

func bufioWriter() *bufio.Writer { return bufio.NewWriterSize(os.Stdout, 1<<16) }

func (n *node) check(what string) {
	if len(n.keys) != len(n.vals) {
		panic(fmt.Sprintf("%s: %d keys %d vals %q", what, len(n.keys), len(n.vals), n.keys))
	}
	for _, v := range n.vals {
		v.check(what)
	}
	for _, v := range n.arr {
		v.check(what)
	}
}

// setTypeVersion writes nats.type and nats.version as Encode would, for claims Encode refused.
func setTypeVersion(c jwt.Claims) {
	switch t := c.(type) {
	case *jwt.OperatorClaims:
		t.Type, t.Version = jwt.OperatorClaim, 2
	case *jwt.AccountClaims:
		t.Type, t.Version = jwt.AccountClaim, 2
	case *jwt.UserClaims:
		t.Type, t.Version = jwt.UserClaim, 2
	case *jwt.ActivationClaims:
		t.Type, t.Version = jwt.ActivationClaim, 2
	}
}
