// Command float64_json writes Go encoding/json's text for float64 values, one "bits json" line each.
// Usage (GOPATH mode, standard library only): GO111MODULE=off go run float64_json.go [-all] [-seed N]
//
// Hard cases are exact ties one digit past the shortest length (which Go rounds to even) and values
// whose shortest decimal is not the nearest rounding at that length (lopsided intervals at powers of
// two). All of them are kept; the rest of the 2000 lines is a fixed random sample.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

func enc(v float64) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// exactDigits returns the significant digits of |v|'s exact decimal value.
func exactDigits(v float64) string {
	s := new(big.Float).SetFloat64(math.Abs(v)).Text('e', 800)
	m := s[:strings.IndexByte(s, 'e')]
	m = strings.Replace(m, ".", "", 1)
	return strings.TrimRight(m, "0")
}

func shortestDigits(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'e', -1, 64)
	m := s[:strings.IndexByte(s, 'e')]
	return strings.Replace(m, ".", "", 1)
}

// naive is the nearest p-digit rounding (half-even, as Go's fixed precision rounds) for the
// smallest p that reads back: what a formatter without an exact interval test produces.
func naive(v float64) string {
	for p := 1; p <= 17; p++ {
		s := strconv.FormatFloat(v, 'e', p-1, 64)
		if f, _ := strconv.ParseFloat(s, 64); f == v {
			return s
		}
	}
	return ""
}

// tie reports whether the exact value lies half-way between two shortest-length decimals.
func tie(v float64) bool {
	e, s := exactDigits(v), shortestDigits(v)
	return len(e) == len(s)+1 && e[len(e)-1] == '5'
}

func main() {
	all := flag.Bool("all", false, "print every generated case, not just the selection")
	seed := flag.Int64("seed", 20240611, "random seed")
	flag.Parse()
	r := rand.New(rand.NewSource(*seed))
	type item struct {
		v    float64
		hard bool
	}
	var items []item
	add := func(v float64, hard bool) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		items = append(items, item{v, hard})
	}
	// Random bit patterns over the whole range.
	for i := 0; i < 40000; i++ {
		add(math.Float64frombits(r.Uint64()), false)
	}
	// Dyadic values M*2^-k with few fraction bits: many have an exact tie one digit past the
	// shortest length (23764941806332.0625).
	for i := 0; i < 30000; i++ {
		m := r.Int63n(1 << 53)
		k := r.Intn(40) - 8
		add(math.Ldexp(float64(m), -k), false)
	}
	// Integers up to 2^53 and just above.
	for i := 0; i < 5000; i++ {
		add(float64(r.Int63n(1<<53)), false)
		add(float64(int64(1)<<53+r.Int63n(1<<20)), false)
	}
	// Powers of two (asymmetric intervals) and their neighbours.
	for e := -1074; e <= 1023; e++ {
		p := math.Ldexp(1, e)
		add(p, false)
		add(math.Nextafter(p, 0), false)
		add(math.Nextafter(p, math.Inf(1)), false)
	}
	// Powers of ten and their neighbours, and the 'e'-format thresholds.
	for e := -323; e <= 308; e++ {
		p, _ := strconv.ParseFloat("1e"+strconv.Itoa(e), 64)
		add(p, false)
		add(math.Nextafter(p, 0), false)
		add(math.Nextafter(p, math.Inf(1)), false)
	}
	for _, t := range []float64{1e-6, 1e21} {
		x := t
		for i := 0; i < 5; i++ {
			x = math.Nextafter(x, 0)
		}
		for i := 0; i < 11; i++ {
			add(x, true)
			add(-x, true)
			x = math.Nextafter(x, math.Inf(1))
		}
	}
	// Subnormals.
	for i := 0; i < 3000; i++ {
		add(math.Float64frombits(uint64(r.Int63n(1<<52))), false)
	}
	for i := 1; i <= 20; i++ {
		add(math.Float64frombits(uint64(i)), true)
	}
	// Random sign.
	for i := range items {
		if r.Intn(2) == 0 {
			items[i].v = -items[i].v
		}
	}
	add(0, true)
	add(math.Copysign(0, -1), true)
	add(math.MaxFloat64, true)
	add(-math.MaxFloat64, true)
	add(math.SmallestNonzeroFloat64, true)
	add(23764941806332.0625, true)
	add(float64(1<<53), true)
	add(float64(1<<53-1), true)

	for i := range items {
		v := items[i].v
		if v != 0 && (tie(v) || naive(v) != strconv.FormatFloat(v, 'e', -1, 64)) {
			items[i].hard = true
		}
	}
	seen := map[uint64]bool{}
	var out []item
	nHard := 0
	for _, it := range items {
		b := math.Float64bits(it.v)
		if seen[b] {
			continue
		}
		seen[b] = true
		out = append(out, it)
		if it.hard {
			nHard++
		}
	}
	if !*all {
		// Keep every hard case, then a fixed sample of the rest up to 2000 lines.
		var keep []item
		var rest []item
		for _, it := range out {
			if it.hard {
				keep = append(keep, it)
			} else {
				rest = append(rest, it)
			}
		}
		r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		for i := 0; len(keep) < 2000 && i < len(rest); i++ {
			keep = append(keep, rest[i])
		}
		sort.Slice(keep, func(i, j int) bool { return math.Float64bits(keep[i].v) < math.Float64bits(keep[j].v) })
		out = keep
	}
	fmt.Fprintf(os.Stderr, "%d cases, %d hard\n", len(out), nHard)
	fmt.Printf("# Go encoding/json (%s) text of float64 values: \"<IEEE 754 bits in hex> <json>\".\n", runtime.Version())
	fmt.Printf("# Produced by: GO111MODULE=off go run testdata/gen/float64_json.go > testdata/go-float64-json.txt\n")
	fmt.Printf("# (seed %d; all %d hard cases of %d generated, then a fixed random sample).\n", *seed, nHard, len(seen))
	for _, it := range out {
		fmt.Printf("%016x %s\n", math.Float64bits(it.v), enc(it.v))
	}
}
