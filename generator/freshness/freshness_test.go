package freshness

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseInterval(t *testing.T) {
	today := date("2026-01-31")
	for in, want := range map[string]string{
		"30d":         "2026-03-02",
		"6w":          "2026-03-14",
		"3m":          "2026-05-01", // Go normalises April 31st
		"1y":          "2027-01-31",
		"weekly":      "2026-02-07",
		"monthly":     "2026-03-03",
		"Quarterly":   "2026-05-01",
		"half-yearly": "2026-07-31",
		"yearly":      "2027-01-31",
	} {
		iv, err := ParseInterval(in)
		if err != nil {
			t.Errorf("ParseInterval(%q): %v", in, err)
			continue
		}
		if got := iv.After(today).Format(time.DateOnly); got != want {
			t.Errorf("%s after %s = %s, want %s", in, today.Format(time.DateOnly), got, want)
		}
	}
	if iv, err := ParseInterval("never"); err != nil || iv.Tracked() {
		t.Errorf("never: %v, %v", iv, err)
	}
	for _, bad := range []string{"", "0d", "often", "3 months", "2x", "-1w"} {
		if _, err := ParseInterval(bad); err == nil {
			t.Errorf("ParseInterval(%q) accepted", bad)
		}
	}
}

func TestJudge(t *testing.T) {
	every, _ := ParseInterval("30d")
	reviewed := date("2026-10-01") // due 2026-10-31
	for _, c := range []struct {
		today string
		want  Status
		days  int
	}{
		{"2026-10-01", Fresh, 30},
		{"2026-10-16", Fresh, 15},   // due in 15 days
		{"2026-10-17", DueSoon, 14}, // due in 14 days
		{"2026-10-31", DueSoon, 0},  // due today
		{"2026-11-01", Overdue, 1},
		{"2026-12-31", Overdue, 61},
	} {
		r := Judge(reviewed, every, date(c.today))
		days := r.DaysLeft
		if r.Status == Overdue {
			days = r.DaysOverdue
		}
		if r.Status != c.want || days != c.days || r.Due != date("2026-10-31") {
			t.Errorf("on %s: %s, %d days, due %s; want %s, %d days", c.today, r.Status, days, r.Due.Format(time.DateOnly), c.want, c.days)
		}
	}
	if r := Judge(time.Time{}, every, date("2026-10-01")); r.Status != NeverReviewed {
		t.Errorf("never reviewed: %s", r.Status)
	}
	never, _ := ParseInterval("never")
	if r := Judge(reviewed, never, date("2026-10-01")); r != nil {
		t.Errorf("untracked page judged: %+v", r)
	}
}

func TestReport(t *testing.T) {
	every, _ := ParseInterval("30d")
	today := date("2026-11-22")
	mk := func(page, owner, reviewed string) *Review {
		var d time.Time
		if reviewed != "" {
			d = date(reviewed)
		}
		r := Judge(d, every, today)
		r.Page, r.Title, r.Owner = page, strings.Trim(page, "/"), owner
		return r
	}
	rep := NewReport([]*Review{
		mk("/a/", "maria", "2026-11-01"),
		mk("/b/", "", "2026-09-01"),
		mk("/c/", "maria", "2026-08-01"),
		mk("/d/", "Ravi", ""),
		mk("/e/", "maria", ""),
		mk("/f/", "maria", "2026-10-01"),
	})
	var got []string
	for _, o := range rep.Owners {
		var pages []string
		for _, r := range o.Reviews {
			pages = append(pages, r.Title+"="+string(r.Status))
		}
		got = append(got, o.Name+": "+strings.Join(pages, " "))
	}
	want := "maria: e=never-reviewed c=overdue f=overdue a=due-soon; Ravi: d=never-reviewed; : b=overdue"
	if s := strings.Join(got, "; "); s != want {
		t.Errorf("report:\n%s\nwant:\n%s", s, want)
	}
	if rep.Total != 6 || rep.Overdue != 3 || rep.Never != 2 || rep.Fresh != 0 || rep.DueSoon != 1 {
		t.Errorf("counts %+v", rep)
	}
	// Pages of two: a group that goes on keeps its name, its total and
	// says it is continued.
	part := func(owners []Owner) string {
		var out []string
		for _, o := range owners {
			s := fmt.Sprintf("%s(%d)", o.Name, o.Total)
			if o.Continued {
				s += "+"
			}
			for _, r := range o.Reviews {
				s += " " + r.Title
			}
			out = append(out, s)
		}
		return strings.Join(out, "; ")
	}
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{0, 2, "maria(4) e c"},
		{2, 4, "maria(4)+ f a"},
		{4, 6, "Ravi(1) d; (1) b"},
		{3, 5, "maria(4)+ a; Ravi(1) d"},
		{0, 6, "maria(4) e c f a; Ravi(1) d; (1) b"},
	} {
		if got := part(rep.Part(tc.from, tc.to)); got != tc.want {
			t.Errorf("Part(%d, %d) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	if whole := rep.Part(0, rep.Total); &whole[0] != &rep.Owners[0] {
		t.Error("the whole report's part is not its own list of owners")
	}

	data, _ := json.Marshal(rep.JSON("/ops")[:2])
	wantJSON := `[{"page":"/ops/d/","title":"d","owner":"Ravi","reviewed":null,"review_every":"30d","due":null,"status":"never-reviewed"},{"page":"/ops/e/","title":"e","owner":"maria","reviewed":null,"review_every":"30d","due":null,"status":"never-reviewed"}]`
	if string(data) != wantJSON {
		t.Errorf("JSON:\n%s\nwant:\n%s", data, wantJSON)
	}
}

func TestDigest(t *testing.T) {
	months := Digest([]Change{
		{Page: "/a/", Title: "A", Updated: date("2026-10-30")},
		{Page: "/b/", Title: "B", Updated: date("2026-11-02")},
		{Page: "/c/", Title: "C", Updated: date("2026-11-20")},
		{Page: "/d/", Title: "D", Updated: date("2025-11-20")},
	})
	var got []string
	for _, m := range months {
		var t []string
		for _, c := range m.Changes {
			t = append(t, c.Title)
		}
		got = append(got, m.Name+": "+strings.Join(t, " "))
	}
	if s := strings.Join(got, "; "); s != "November 2026: C B; October 2026: A; November 2025: D" {
		t.Errorf("digest: %s", s)
	}
	if n := DigestLen(months); n != 4 {
		t.Errorf("DigestLen = %d, want 4", n)
	}
	part := func(ms []Month) string {
		var out []string
		for _, m := range ms {
			s := m.Name
			if m.Continued {
				s += " (continued)"
			}
			s += ":"
			for _, c := range m.Changes {
				s += " " + c.Title
			}
			out = append(out, s)
		}
		return strings.Join(out, "; ")
	}
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{0, 1, "November 2026: C"},
		{1, 3, "November 2026 (continued): B; October 2026: A"},
		{3, 4, "November 2025: D"},
		{0, 4, "November 2026: C B; October 2026: A; November 2025: D"},
	} {
		if got := part(DigestPart(months, tc.from, tc.to)); got != tc.want {
			t.Errorf("DigestPart(%d, %d) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
