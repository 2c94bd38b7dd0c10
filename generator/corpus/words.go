package corpus

// The vocabulary of the generated site: product-operations words, enough
// of them that search and compression see realistic text.

var teams = []string{
	"Growth", "Payments", "Onboarding", "Platform", "Mobile", "Integrations",
	"Billing", "Identity", "Search", "Analytics", "Messaging", "Marketplace",
	"Checkout", "Retention", "Data", "Infrastructure", "Design Systems",
	"Partner", "Support Tools", "Security", "Enterprise", "Pricing",
	"Notifications", "Reporting", "Localization", "Accessibility", "Trust",
	"Developer Experience", "Self Serve", "Admin Console",
}

var areas = []string{
	"discovery", "delivery", "research", "operations", "launches", "metrics",
	"rituals", "planning", "experiments", "customers", "quality", "incidents",
	"handoffs", "tooling", "hiring", "stakeholders", "documentation",
	"compliance", "partnerships", "support",
}

var playbookCategories = []string{
	"launch", "incident", "planning", "pricing", "research", "support",
	"deprecation", "experimentation", "partnerships", "compliance",
	"localization", "migration", "escalation", "feedback",
}

var kpiAreas = []string{
	"activation", "retention", "revenue", "reliability", "delivery",
	"support", "engagement", "quality", "efficiency", "satisfaction",
}

var tracks = []string{
	"product-managers", "designers", "engineers", "analysts", "support",
	"leads", "sales-engineers", "program-managers",
}

var people = []string{
	"maria", "kenji", "amara", "lucas", "priya", "tomasz", "ines", "omar",
	"sofia", "daniel", "aiko", "noah", "fatima", "elena", "jonas", "chen",
	"zara", "mateo", "hana", "oliver", "leila", "ravi", "greta", "samuel",
	"yuki", "ana", "felix", "nadia", "victor", "mei",
}

var roles = []string{
	"pm", "head-of-product", "eng-lead", "design-lead", "data-lead",
	"support-lead", "sales", "support", "marketing", "legal", "finance",
	"security", "customer-success", "research",
}

var themes = []string{
	"Activation", "Retention", "Monetisation", "Reliability", "Efficiency",
	"Compliance", "Expansion", "Quality", "Speed", "Trust",
}

var adjectives = []string{
	"quarterly", "self-serve", "cross-team", "customer-facing", "internal",
	"weekly", "critical", "lightweight", "shared", "regional", "automated",
	"manual", "early", "late", "staged", "guided", "billing", "mobile",
	"enterprise", "trial", "annual", "new", "legacy", "core", "optional",
}

var nouns = []string{
	"roadmap", "launch", "release", "experiment", "rollout", "review",
	"backlog", "dashboard", "survey", "interview", "checklist", "brief",
	"retrospective", "incident", "escalation", "migration", "pricing page",
	"onboarding flow", "activation funnel", "support queue", "feature flag",
	"beta programme", "design review", "sprint", "milestone", "dependency",
	"stakeholder map", "decision log", "metric", "baseline", "cohort",
	"segment", "feedback loop", "changelog", "runbook", "SLA", "OKR",
	"hypothesis", "prototype", "spec", "handoff", "forecast", "budget",
	"contract", "renewal", "trial", "churn signal", "health score",
}

var verbs = []string{
	"reviews", "owns", "ships", "measures", "tracks", "plans", "drafts",
	"validates", "schedules", "escalates", "documents", "prioritises",
	"updates", "retires", "tests", "shares", "approves", "summarises",
	"audits", "refines", "monitors", "publishes", "aligns", "compares",
}

var actors = []string{
	"the product manager", "the owning team", "the design lead",
	"each squad", "the on-call engineer", "support", "the data analyst",
	"leadership", "the programme manager", "customer success",
	"the release captain", "every reviewer", "the launch group",
	"finance", "the research team",
}

var connectors = []string{
	"before", "after", "during", "so that", "because", "unless", "while",
	"once", "whenever", "until",
}

var events = []string{
	"the launch", "the quarterly review", "the planning week", "the freeze",
	"an incident", "the beta ends", "the pricing change", "the renewal",
	"the next sprint", "the board meeting", "the migration window",
	"the customer call", "the design critique", "the demo day",
}

var headingWords = []string{
	"Context", "Goals", "Scope", "Owners", "Timeline", "Risks",
	"Dependencies", "Metrics", "Rollout", "Communication", "Open questions",
	"Decisions", "Background", "How it works", "Checklist", "Examples",
	"Escalation", "Reporting", "Review cadence", "Support", "Budget",
	"Rituals", "Handoff", "Feedback", "Tooling", "Glossary", "Next steps",
	"Success criteria", "Non goals", "Alternatives", "Appendix",
	"Lessons learned", "Customer impact", "Data sources", "Access",
	"Quality bar", "Staffing", "Training", "Pricing", "Constraints",
}

var headingQualifiers = []string{
	"for launches", "in practice", "by quarter", "for new hires",
	"and owners", "at a glance", "for leadership", "in detail",
	"for support", "and risks", "we track", "to avoid",
}

var codeLanguages = []string{"sql", "yaml", "python", "bash", "json", "go", "javascript", "text", "toml"}

var units = []string{"%", "days", "ms", "$", "accounts", "hours", "tickets", "points"}

var sources = []string{
	`Amplitude "Activation v2"`, "Looker: Revenue overview",
	"Zendesk export", "Datadog SLO dashboard", "Finance monthly close",
	"Jira delivery report", "NPS survey", "Warehouse: fct_accounts",
}

var durations = []string{"20m", "30m", "45m", "1h", "1h30m", "2h"}

var playbookDurations = []string{"1 day", "3 days", "1 week", "2 weeks", "1 month", "1 quarter"}

var reviewEvery = []string{"30d", "6w", "quarterly", "yearly"}

var statuses = []string{"now", "next", "later", "done", "dropped"}

var confidences = []string{"high", "medium", "low"}
