#!/usr/bin/env python3
"""Generate recur's demonstration data set (deterministic, Python 3 stdlib only).

Re-run from the repo root; it overwrites every generated file in data/sample/:

    python3 data/sample/make_sample.py

What it plants (see the generated data/sample/README.md for exact counts):
  1. db-pool     connection leaks / pool exhaustion through the shared, UNOWNED Resource
                 `postgres-monolith`, every quarter 2023Q1-2025Q4, >= 7 services, all
                 follow-ups local (restart pods, raise pool size ...): never finalised.
  2. tls-expiry  expired certificates through `edge-gateway`, owned by the catch-all
                 `group:default/shared`; local follow-ups only.
  3. bad-config  bad config pushes through `config-service`, owned by two teams in Backstage
                 and by a third in CODEOWNERS (conflict); local follow-ups plus one open,
                 overdue systemic action.
  4. disk-full   log volume exhaustion via `logging-agent`, 2023Q1-2024Q1, FINALISED by a
                 systemic action done 2024-03-15 (team-platform); only 2 incidents after.
  5. retry-storm retry storms / thundering herd against `redis-cache`, FINALISED by adopting
                 `resilience-lib` (done 2024-09-30); only 2 incidents after.
  6. twelve small classes (OOM, DNS, bad deploy, PSP outage, capacity, clock skew, race,
     upstream rate limits, Kafka backlog, migration locks, feature flags, noisy neighbour)
     and one-off incidents.
  7. noise: empty root causes, incidents without follow-ups, overdue actions, detected_at
     before started_at, alias / case / separator variants of names, mixed severity styles.
"""
import csv, json, os, random, re, shutil
from datetime import datetime, timedelta, timezone

R = random.Random(20240601)
OUT = os.path.dirname(os.path.abspath(__file__))
END = datetime(2025, 12, 31, 23, 0, tzinfo=timezone.utc)

# ----------------------------------------------------------------------------- catalog data
TEAMS = ["team-payments", "team-checkout", "team-identity", "team-search", "team-platform",
         "team-data", "team-mobile", "team-growth", "team-edge", "team-notifications",
         "team-logistics", "team-billing", "team-sre"]
NOT_BACKSTAGE = {"team-logistics", "team-mobile"}  # these teams keep their catalog in catalog.csv
BASE = ["config-service", "logging-agent", "resilience-lib"]  # every service depends on these
PG, GW, RD, KF, ES = "postgres-monolith", "edge-gateway", "redis-cache", "kafka-main", "elasticsearch-cluster"
# service: (team, system, extra dependencies)
SERVICES = {
    "checkout-api": ("team-checkout", "commerce", [PG, GW, RD, "ingress-nginx", "auth-sdk", "feature-flags-sdk"]),
    "cart-service": ("team-checkout", "commerce", [PG, RD]),
    "checkout-web": ("team-checkout", "commerce", ["feature-flags-sdk", "ingress-nginx"]),
    "payments-api": ("team-payments", "commerce", [GW, "payflow-psp", "auth-sdk"]),
    "payment-gateway-adapter": ("team-payments", "commerce", ["payflow-psp"]),
    "refund-worker": ("team-payments", "commerce", ["payflow-psp", KF]),
    "fraud-scorer": ("team-payments", "commerce", [RD]),
    "billing-worker": ("team-billing", "billing", [PG, KF]),
    "invoice-api": ("team-billing", "billing", [PG, GW]),
    "subscription-service": ("team-billing", "billing", [PG]),
    "auth-service": ("team-identity", "identity", [GW, RD]),
    "user-profile-api": ("team-identity", "identity", [PG, GW, "auth-sdk"]),
    "session-service": ("team-identity", "identity", [RD]),
    "search-api": ("team-search", "discovery", [ES, GW, RD, "ingress-nginx"]),
    "indexer-worker": ("team-search", "discovery", [ES, KF]),
    "recommendations-api": ("team-search", "discovery", [RD, "feature-flags-sdk"]),
    "etl-runner": ("team-data", "data-platform", [KF, PG]),
    "reporting-api": ("team-data", "data-platform", [PG]),
    "analytics-ingest": ("team-data", "data-platform", [KF]),
    "mobile-bff": ("team-mobile", "mobile", [GW, "mobile-sdk", "auth-sdk"]),
    "push-gateway": ("team-mobile", "mobile", ["mobile-sdk", KF]),
    "promotions-service": ("team-growth", "engagement", [PG, RD, "feature-flags-sdk"]),
    "referral-service": ("team-growth", "engagement", ["feature-flags-sdk"]),
    "experiments-api": ("team-growth", "engagement", ["feature-flags-sdk", RD]),
    "storefront-web": ("team-edge", "commerce", [GW, "ingress-nginx"]),
    "cdn-purger": ("team-edge", "commerce", ["ingress-nginx"]),
    "notifications-service": ("team-notifications", "engagement", [KF, "feature-flags-sdk"]),
    "email-sender": ("team-notifications", "engagement", [KF]),
    "sms-sender": ("team-notifications", "engagement", [KF]),
    "orders-service": ("team-logistics", "logistics", [PG, KF, "warehouse-queue"]),
    "shipping-api": ("team-logistics", "logistics", [GW, "warehouse-queue"]),
    "inventory-service": ("team-logistics", "logistics", [PG, "warehouse-queue"]),
}
# shared component: (kind, type, owner, system); owner None = no owner, list = several owners
SHARED = {
    PG: ("Resource", "database", None, "platform"),
    GW: ("Resource", "gateway", "group:default/shared", "platform"),
    "config-service": ("Resource", "config-store", ["group:default/team-platform", "group:default/team-payments"], "platform"),
    "logging-agent": ("Resource", "daemonset", "group:default/team-platform", "platform"),
    RD: ("Resource", "cache", "group:default/team-platform", "platform"),
    KF: ("Resource", "queue", "group:default/team-data", "data-platform"),
    ES: ("Resource", "search-cluster", "group:default/team-search", "discovery"),
    "internal-dns": ("Resource", "dns", "group:default/team-platform", "platform"),
    "ingress-nginx": ("Resource", "gateway", "group:default/team-edge", "platform"),
    "payflow-psp": ("Resource", "third-party-api", "group:default/team-payments", "commerce"),
    "resilience-lib": ("Component", "library", "group:default/team-platform", "platform"),
    "auth-sdk": ("Component", "library", "group:default/team-identity", "identity"),
    "feature-flags-sdk": ("Component", "library", "group:default/team-growth, group:default/team-platform", "engagement"),
    "warehouse-queue": ("Resource", "queue", "team-logistics", "logistics"),   # catalog.csv only
    "mobile-sdk": ("Component", "library", "team-mobile", "mobile"),            # catalog.csv only
}
SYSTEM_OWNER = {"commerce": "team-checkout", "billing": "team-billing", "identity": "team-identity", "discovery": "team-search",
                "data-platform": "team-data", "mobile": "team-mobile", "engagement": "team-growth", "logistics": "team-logistics",
                "platform": "team-platform"}
CSV_ONLY = {"warehouse-queue", "mobile-sdk"}
CODEOWNERS_CONFLICT = ("config-service", "team-sre")  # Backstage says platform+payments
HOSTS = {"payments-api": "pay.acme.io", "checkout-api": "api.acme.io", "auth-service": "auth.acme.io",
         "search-api": "search.acme.io", "mobile-bff": "m.acme.io", "storefront-web": "www.acme.io",
         "invoice-api": "invoices.acme.io", "shipping-api": "ship.acme.io", "user-profile-api": "api.acme.io"}
ALIASES = {"postgres-monolith": ["main-db", "pg-main", "Postgres Monolith"],
           "payments-api": ["payments", "pay-api", "Payments Service"],
           "checkout-api": ["checkout"], "edge-gateway": ["edge-gw"],
           "redis-cache": ["redis", "sessions-redis"], "notifications-service": ["notifications", "notif-svc"]}
# (canonical, spelling written into an incident): each is used once
VARIANT_USES = [("payments-api", "Payments API"), ("payments-api", "payments_api"), ("payments-api", "pay-api"),
                ("payments-api", "payments"), (PG, "main-db"), (PG, "pg-main"), (PG, "Postgres Monolith"),
                (PG, "postgres_monolith"), (PG, "main-db"), ("checkout-api", "Checkout API"), ("checkout-api", "checkout"),
                (GW, "edge-gw"), (GW, "Edge Gateway"), (RD, "redis"), (RD, "Redis Cache"),
                ("notifications-service", "notif-svc"), ("notifications-service", "Notifications Service")]
TEAM_VARIANTS = [("team-payments", "Team Payments"), ("team-checkout", "team_checkout"), ("team-search", "Team-Search")]

# ------------------------------------------------------------------------ incident classes
# Placeholders: {svc} service, {n} {k} {p} numbers, {ver} version, {host}, {key} config key
FIXED = {"disk-full": datetime(2024, 3, 15, tzinfo=timezone.utc), "retry-storm": datetime(2024, 9, 30, tzinfo=timezone.utc)}
D1 = [("2023-01-02", "2025-12-28", None)]
CLASSES = [
 dict(key="db-pool", n=38, seg=D1, comps=[PG], sev=[2, 14, 50, 30, 4], done=0.7,
  svcs=["checkout-api"] * 4 + ["orders-service"] * 3 + ["billing-worker"] * 2 + ["invoice-api"] * 2 +
       ["cart-service", "subscription-service", "user-profile-api", "reporting-api", "promotions-service", "inventory-service"],
  titles=["{svc} 5xx spike — DB pool exhausted", "Elevated error rate on {svc}", "{svc} timeouts acquiring DB connections",
          "{svc} degraded: too many postgres connections", "Partial outage of {svc}", "Slow responses from {svc} during peak",
          "{svc} requests hanging", "Orders not saving", "Invoice run stalled", "{svc} health checks failing"],
  causes=["Connection pool exhausted on {svc}; requests queued until they timed out.",
          "DB connections were never released back to the pool after the {svc} batch job failed mid-transaction.",
          "leaked pg conns after deploy of {svc} {ver}", "Too many open connections to postgres — {svc} hit max_connections ({n}).",
          "pgbouncer max_client_conn reached because {svc} held idle transactions.",
          "conection pool exausted in {svc} (hikari), all threads blocked waiting for a db conn",
          "{svc} leaked database connections on the error path: the handler returned early without closing the session.",
          "Postgres monolith ran out of connection slots; {svc} had ~{n} idle-in-transaction sessions.",
          "The ORM session in {svc} was not closed when the request was cancelled, so the pool slowly drained.",
          "main db refused new connections (FATAL: sorry, too many clients already). {svc} opened a new pool per worker.",
          "pool size too small for {svc} after traffic growth, conns starved",
          "Idle-in-transaction sessions from {svc} piled up on the shared pg and blocked everyone else's connections.",
          "A retry loop in {svc} opened a fresh DB connection on every attempt and never closed the old one.",
          "{svc} kept connections checked out during a slow downstream HTTP call, exhausting the pool.",
          "db conn leak in {svc} — cursor not closed in the export code path",
          "Connection slots on the shared Postgres were used up; {svc} was holding {n} of them.",
          "remaining connection slots are reserved for superuser connections: {svc} exhausted them on the monolith DB",
          "Pool exhaustion: {svc} workers each grabbed a connection at startup and held it forever.",
          "pg connection leak introduced by the new transaction middleware in {svc} {ver}.",
          "{svc} max pool reached; 'timeout acquiring connection from pool after 30000ms'.",
          "Long-running report queries from {svc} held DB connections for minutes and starved the pool.",
          "Too many clients on postgres — {svc} scaled out to {k} pods, each with a pool of {p}.",
          "conn leak: {svc} did not return connections to pgbouncer when the client disconnected early",
          "Database connection exhaustion. {svc} background threads leaked one connection per run."],
  context=["Other services on the same database saw errors too.", "We have seen this before.",
           "Nobody owns the database settings, so the pool limits were never revisited.",
           "Grafana showed active connections flat at the limit for 40 minutes.", "Same pattern as last quarter.",
           "The pgbouncer dashboard was not looked at until an hour in.", "Restarting the pods freed the connections."],
  factors=["no alert on pool saturation", "pool size hard-coded", "shared database with no owner",
           "no per-service connection limit", "deploy during peak traffic", "missing connection timeout",
           "pgbouncer in session mode", "on-call unfamiliar with the database", "no load test for the new code path"],
  triggers=["deploy of {svc} {ver}", "lunchtime traffic peak", "nightly batch job", "scale-out of {svc}", "month-end invoicing run", ""],
  actions=["Restart {svc} pods", "Raise pool size for {svc} to {pool}", "Add connection timeout in {svc}",
           "Patch {svc} to close connections on the error path", "Add pool-usage dashboard for {svc}",
           "Set idle_in_transaction_session_timeout for the {svc} DB role", "Fix cursor leak in {svc} export job",
           "Cap {svc} replicas at {k} until the leak is fixed", "Alert on {svc} pool wait time"],
  tags=["database", "postgres", "customer-facing", "latency"], mitig=["restarted {svc} pods", "killed idle sessions on the database", "scaled {svc} down to free connections"],
  symptom="returned errors and timed out"),
 dict(key="tls-expiry", n=27, seg=D1, comps=[GW], sev=[6, 30, 40, 20, 4], done=0.75,
  svcs=["payments-api"] * 3 + ["checkout-api"] * 2 + ["auth-service"] * 2 + ["search-api", "mobile-bff", "storefront-web", "invoice-api", "shipping-api", "user-profile-api"],
  titles=["TLS handshake failures on {host}", "{svc} unreachable — certificate expired", "Browsers show certificate warning on {host}",
          "Mobile app cannot connect to {host}", "Partner integrations failing against {svc}", "{svc} outage: expired cert"],
  causes=["cert expired", "TLS certificate on the internal gateway was not renewed.", "x509: certificate has expired or is not yet valid",
          "expired SSL cert for {host}", "The certificate for {host} on the edge gateway expired at midnight UTC; renewal was manual and the reminder went to someone who had left.",
          "The ACME renewal job on the gateway had been failing silently for three weeks; the cert for {host} expired.",
          "{svc} clients failed the TLS handshake because the intermediate certificate in the gateway bundle expired.",
          "SSL certificate expiry on edge-gateway for {host}.", "Expired wildcard cert *.acme.io on the gateway.",
          "The mTLS client certificate {svc} uses to talk through the gateway expired.",
          "certificate verify failed: certificate has expired (gateway cert for {host})",
          "TLS cert not rotated on the edge gw; browsers showed NET::ERR_CERT_DATE_INVALID for {host}",
          "Cert renewal for {host} was missed — the renewal annotation was lost in the gateway migration.",
          "The gateway kept serving the old certificate after renewal because the reload hook did not run."],
  context=["Nobody gets paged for certificate expiry.", "The gateway is owned by 'shared', so the reminder went nowhere.", "Third time this year for a gateway cert."],
  factors=["manual certificate renewal", "no expiry alert", "renewal reminder sent to a former employee",
           "gateway has no owning team", "certificates tracked in a spreadsheet"],
  triggers=["certificate expiry", "clock passing notAfter", ""],
  actions=["Renew cert for {svc}", "Add calendar reminder for {host} renewal", "Renew certificate for {host} manually",
           "Add expiry check to {svc} health probe", "Document renewal steps for {host}"],
  tags=["tls", "certificates", "gateway"], mitig=["installed a renewed certificate on the gateway"], symptom="rejected TLS connections"),
 dict(key="bad-config", n=27, seg=D1, comps=["config-service"], sev=[4, 26, 45, 22, 3], done=0.65,
  svcs=["checkout-api", "payments-api", "payments-api", "search-api", "notifications-service", "promotions-service",
        "experiments-api", "auth-service", "shipping-api", "recommendations-api"],
  titles=["{svc} crash-looping after config rollout", "Errors on {svc} after config change", "{svc} misbehaving in all regions",
          "Config push broke {svc}", "Wrong limits applied to {svc}", "{svc} fell back to defaults"],
  causes=["bad config push", "A malformed YAML flag in the config rollout broke {svc} at startup.",
          "Config change deployed to all regions at once without canary.", "typo in feature config for {svc} ({key})",
          "config-service pushed an empty value for {key}; {svc} silently fell back to defaults.",
          "Invalid JSON in the {svc} config bundle was accepted by config-service and pushed fleet-wide.",
          "Someone changed {key} for {svc} in the config service and it applied everywhere immediately.",
          "Wrong unit in a pushed config value (ms vs s): {key}=30 instead of 30000.",
          "Config push with a stale schema removed {key} for {svc}.", "A config rollout overwrote {svc}'s production values with staging ones.",
          "Bad configuration deployed through the shared config service; nothing validated the payload.",
          "cfg push went to every region simultaneously; {svc} crashed on an unknown enum value in {key}"],
  context=["The config service accepts anything that parses.", "There is no staged rollout for config.", "Rollback took 25 minutes because nobody knew who owns config-service."],
  factors=["no config validation", "no canary for config changes", "config change not reviewed", "unclear ownership of config-service", "rollback procedure undocumented"],
  triggers=["config push to {key}", "routine config rollout", "manual config edit", "config-service release"],
  actions=["Revert {key} for {svc}", "Add schema validation for {svc} config keys", "Add startup check for {key} in {svc}",
           "Pin {svc} config version", "Write runbook for config rollback in {svc}"],
  tags=["config", "change-management"], mitig=["rolled back the config change"], symptom="failed requests"),
 dict(key="disk-full", n=22, seg=[("2024-02-20", "2024-03-08", 1), ("2023-01-05", "2024-03-10", 19), ("2024-06-01", "2024-12-20", 1), ("2025-03-01", "2025-11-30", 1)],
  comps=["logging-agent"], sev=[0, 10, 40, 42, 8], done=0.7,
  svcs=["etl-runner", "etl-runner", "indexer-worker", "indexer-worker", "analytics-ingest", "billing-worker", "email-sender", "orders-service", "reporting-api"],
  titles=["{svc} nodes out of disk", "Disk full on {svc} hosts", "{svc} stopped writing: no space left on device", "{svc} jobs failing — disk 100%"],
  causes=["Disk full on {svc} hosts: /var/log filled up because the logging-agent buffer was not rotated.",
          "log volume exhaustion — logging-agent spooled to disk while the collector was down", "No space left on device: {svc} debug logging left on, logs not rotated",
          "/var/lib/logging-agent/buffer grew to {n} GB on {svc} nodes", "disk 100% on {svc} worker; log rotation not configured in that image",
          "ENOSPC on {svc}: application logs plus the agent backlog filled the root volume",
          "The logging agent's file buffer filled the data disk after the log pipeline stalled.", "Host ran out of disk due to unbounded log files from {svc}."],
  context=["Each service configures log rotation itself.", "Disk alerts are per team and {svc} had none."],
  factors=["no disk usage alert", "log rotation left to each team", "debug logging enabled in prod", "agent buffer unbounded"],
  triggers=["log collector outage", "debug logging switched on", "traffic growth", ""],
  actions=["Clean up /var/log on {svc} hosts", "Increase {svc} disk to 200 GB", "Turn off debug logging in {svc}",
           "Add logrotate config to the {svc} image", "Add disk alert for {svc} nodes"],
  tags=["disk", "logging", "infra"], mitig=["deleted old logs and restarted the agent"], symptom="stopped processing work"),
 dict(key="retry-storm", n=18, seg=[("2024-08-20", "2024-09-10", 1), ("2023-01-10", "2024-09-25", 15), ("2024-11-01", "2025-06-30", 1), ("2025-07-01", "2025-12-20", 1)],
  comps=[RD], sev=[5, 30, 40, 22, 3], done=0.7,
  svcs=["session-service", "auth-service", "cart-service", "recommendations-api", "promotions-service", "checkout-api", "search-api"],
  titles=["{svc} overloading redis after failover", "Login and session errors — redis saturated", "{svc} latency spike, redis CPU 100%",
          "Cascading failures from redis-cache", "{svc} outage after cache flush"],
  causes=["Retry storm against redis-cache: every {svc} instance retried immediately, with no backoff, after a failover.",
          "thundering herd on redis after a cache flush; {svc} clients all reconnected at once",
          "{svc} retries without jitter amplified a brief redis blip into a 40-minute outage.",
          "Cache stampede: hot keys expired together and {svc} hammered redis and the database.",
          "client reconnect storm to the redis cache after a network partition", "Synchronised retries from {svc} (fixed 100 ms interval) overloaded redis.",
          "Redis latency spike → {svc} timeouts → retries ×3 at every layer → full saturation."],
  context=["Every service has its own retry code.", "The same storm hit several services at once."],
  factors=["no jitter in retries", "no retry budget", "each team wrote its own redis client", "aggressive timeouts"],
  triggers=["redis failover", "cache flush", "network blip", "deploy of {svc} {ver}"],
  actions=["Add backoff to the {svc} redis client", "Increase redis-cache maxclients", "Stagger cache TTLs in {svc}", "Restart redis replica"],
  tags=["redis", "retries", "cascading-failure"], mitig=["shed load and restarted {svc}"], symptom="timed out"),
]
SMALL = [  # key, n, services, components, causes, titles, mitigation, actions, severity weights
 ("oom", 15, ["search-api", "recommendations-api", "notifications-service", "mobile-bff"], [],
  ["OOMKilled: {svc} heap grew unbounded because of an in-process cache without eviction.", "memory leak in {svc} after upgrading the JSON library",
   "{svc} pods OOMKilled repeatedly (exit code 137); goroutine leak in the websocket handler", "Container memory limit too low for {svc}; the kernel OOM killer terminated pods.",
   "Native memory leak in {svc} image resizing", "{svc} kept every response in a debug buffer, memory climbed until OOM"],
  ["{svc} pods restarting (OOMKilled)", "{svc} memory climbing, pods evicted", "Intermittent 502s from {svc}"], "raised memory limits", ["Fix cache eviction in {svc}", "Raise {svc} memory limit", "Add memory alert for {svc}"], [0, 10, 45, 40, 5]),
 ("dns", 9, ["shipping-api", "payments-api", "email-sender", "checkout-api"], ["internal-dns"],
  ["CoreDNS pods overloaded; {svc} lookups timed out", "ndots:5 made {svc} send five DNS queries per lookup and overload internal DNS",
   "Stale DNS record for the {svc} upstream after a migration", "conntrack table full on the DNS nodes, intermittent NXDOMAIN for {svc}"],
  ["DNS resolution failures in {svc}", "{svc} cannot resolve upstream hosts", "Intermittent 'no such host' errors"], "scaled CoreDNS", ["Set ndots:2 for {svc}", "Add DNS cache sidecar to {svc}"], [1, 15, 45, 35, 4]),
 ("bad-deploy", 17, ["checkout-web", "storefront-web", "user-profile-api", "referral-service"], [],
  ["Release {ver} of {svc} shipped a null-pointer regression in the address form; rolled back.", "bad deploy: {svc} {ver} expected a column the migration had not created yet",
   "{svc} {ver} broke the login redirect; rolled back after 20 minutes", "A dependency bump in {svc} {ver} changed date parsing", "{svc} build {ver} was compiled against the wrong API client"],
  ["{svc} errors after release {ver}", "Rollback of {svc} {ver}", "Broken page on {svc} after deploy"], "rolled back the release", ["Add smoke test for {svc}", "Add contract test to {svc} pipeline"], [1, 15, 45, 35, 4]),
 ("psp-outage", 11, ["payments-api", "payment-gateway-adapter", "refund-worker"], ["payflow-psp"],
  ["PayFlow (our third-party PSP) returned 503s for card authorisations.", "Upstream payment provider outage in the EU region", "PSP degraded; our adapter had no fallback acquirer",
   "PayFlow webhook delivery delayed by 3 hours on their side"],
  ["Card payments failing", "Payments declined — provider outage", "Refunds stuck at provider"], "waited for the provider; enabled the queue-and-retry mode", ["Ask PayFlow for status-page webhook", "Add circuit breaker around PSP calls in {svc}"], [10, 40, 35, 15, 0]),
 ("capacity", 12, ["storefront-web", "checkout-web", "search-api", "checkout-api"], ["ingress-nginx"],
  ["Marketing e-mail to 4 M users drove 6x traffic to {svc}; HPA max replicas too low", "Flash sale traffic exceeded {svc} capacity", "{svc} did not autoscale: CPU requests set too high",
   "TV ad spike; ingress-nginx workers saturated in front of {svc}"],
  ["{svc} slow during flash sale", "Traffic spike overwhelms {svc}", "Storefront slowdown during campaign"], "scaled out manually", ["Raise HPA max for {svc}", "Add campaign calendar to capacity planning"], [2, 25, 45, 25, 3]),
 ("clock-skew", 6, ["auth-service", "session-service"], [],
  ["NTP daemon stopped on two nodes; a 90 s clock drift made tokens from {svc} look not-yet-valid", "clock skew between nodes: chrony misconfigured in the new node image",
   "Time drift on {svc} hosts broke token validation"],
  ["Users logged out randomly", "Token validation failures in {svc}"], "restarted chrony and drained the nodes", ["Alert on clock offset for {svc} nodes"], [0, 20, 50, 30, 0]),
 ("race", 8, ["inventory-service", "orders-service", "refund-worker"], [],
  ["Race between reservation and release in {svc} oversold items", "Double refund: race condition in the idempotency check of {svc}",
   "Two {svc} workers processed the same message concurrently"],
  ["Oversold items", "Duplicate refunds issued", "{svc} processed orders twice"], "disabled the second worker", ["Add row lock in {svc}", "Add idempotency key to {svc}"], [0, 25, 50, 25, 0]),
 ("rate-limit", 9, ["shipping-api", "sms-sender", "email-sender", "fraud-scorer"], [],
  ["Carrier API rate-limited {svc} (HTTP 429)", "SMS provider throttled sends from {svc}", "Upstream scoring API quota exhausted by {svc}", "e-mail provider rate limit hit during a bulk send"],
  ["{svc} getting 429s from upstream", "Delayed messages from {svc}", "Label printing failing"], "slowed the senders down", ["Add client-side rate limiter to {svc}", "Request quota increase for {svc}"], [0, 10, 45, 40, 5]),
 ("kafka-lag", 12, ["analytics-ingest", "indexer-worker", "notifications-service", "etl-runner"], [KF],
  ["Consumer lag on kafka grew to {n} M messages during a consumer rebalance loop in {svc}", "{svc} consumer stuck on a poison message; backlog grew",
   "Partition skew on the kafka topic; one {svc} consumer did all the work", "max.poll.interval exceeded in {svc}, consumers kept rebalancing"],
  ["{svc} lag growing", "Queue backlog in {svc}", "Delayed notifications", "Search index stale by hours"], "restarted the consumers and skipped the bad message", ["Add dead-letter topic for {svc}", "Alert on consumer lag for {svc}"], [0, 12, 45, 38, 5]),
 ("migration-lock", 7, ["orders-service", "invoice-api", "user-profile-api"], [PG],
  ["Schema migration in {svc} took an ACCESS EXCLUSIVE lock on a large table during business hours", "ALTER TABLE without CONCURRENTLY in the {svc} migration blocked writes",
   "Index creation in the {svc} migration locked the table for 12 minutes"],
  ["{svc} writes blocked during migration", "Table lock during deploy of {svc}"], "cancelled the migration", ["Run {svc} migrations with lock_timeout", "Review {svc} migrations for locking"], [0, 25, 45, 30, 0]),
 ("feature-flag", 9, ["experiments-api", "promotions-service", "checkout-web"], ["feature-flags-sdk"],
  ["Feature flag for the new promo engine flipped to 100% instead of 10%", "A stale flag default in {svc} re-enabled a removed code path",
   "Flag targeting rule in {svc} matched every user because of an empty segment"],
  ["Wrong prices shown", "{svc} showed unfinished feature to all users", "Experiment misallocation in {svc}"], "turned the flag off", ["Add flag change review for {svc}", "Remove stale flags in {svc}"], [0, 15, 45, 35, 5]),
 ("noisy-neighbour", 7, ["search-api", "indexer-worker"], [ES],
  ["A reindex job saturated the elasticsearch cluster and {svc} latency went up", "noisy neighbour: a batch export on the same node pool starved {svc} of CPU",
   "Heavy aggregation queries from another team slowed {svc}"],
  ["{svc} latency degraded", "Slow queries on {svc}"], "throttled the batch job", ["Separate node pool for {svc}", "Add query timeouts in {svc}"], [0, 5, 40, 45, 10]),
]
# one-off incidents: (title, root cause, service, components)
MISC = [
 ("Admin panel login broken", "SSO SAML metadata changed at the identity provider and nobody updated it", "auth-service", []),
 ("Price feed import wrong", "Supplier CSV switched decimal separator to comma", "inventory-service", []),
 ("Nightly report missing", "Cron job was deleted in a Helm chart cleanup", "reporting-api", []),
 ("Emails sent twice", "Scheduler ran on two replicas after leader election bug", "email-sender", [KF]),
 ("S3 uploads failing", "Bucket policy change denied PutObject for the mobile upload role", "mobile-bff", []),
 ("Cost alarm: egress spike", "Debug endpoint exposed large payloads to a crawler", "storefront-web", []),
 ("Wrong currency on invoices", "Locale fallback picked EUR for Swiss customers", "invoice-api", []),
 ("Search results empty for umlauts", "Analyzer dropped characters like ü after a mapping change", "search-api", [ES]),
 ("Push notifications not delivered on iOS", "APNs auth key rotated without updating push-gateway", "push-gateway", []),
 ("Referral bonus paid twice", "Backfill script ran without the dry-run flag", "referral-service", []),
 ("Shipping labels with wrong address", "Address normalisation library update swapped fields", "shipping-api", []),
 ("GDPR export job stuck", "Export job hit a 24 h timeout on a very large account", "user-profile-api", []),
 ("Checkout button missing on Safari", "CSS build dropped a vendor prefix", "checkout-web", []),
 ("Fraud scores all zero", "Model file failed to load and the fallback returned 0", "fraud-scorer", []),
 ("Subscription renewals skipped", "Daylight-saving change shifted the renewal window by one hour", "subscription-service", []),
 ("Analytics dashboard blank", "Expired API token for the BI tool", "analytics-ingest", []),
 ("CDN serving stale assets", "Purge API credentials revoked by security rotation", "cdn-purger", []),
 ("SMS OTP delayed", "Carrier-side outage in one country", "sms-sender", []),
 ("Duplicate orders from mobile", "Client retried POST without idempotency key after timeout", "orders-service", []),
 ("Promo codes rejected", "Expiry dates stored in local time instead of UTC", "promotions-service", []),
 ("Recommendations show out-of-stock items", "Inventory events topic retention too short for the backfill", "recommendations-api", [KF]),
 ("Experiments dashboard wrong numbers", "Timezone bug in the aggregation job", "experiments-api", []),
 ("Cart emptied for some users", "Session cookie domain changed in a refactor", "cart-service", []),
 ("Payment adapter memory alarm", "Verbose HTTP client logging buffered bodies", "payment-gateway-adapter", []),
 ("Refund report off by one day", "Report used server-local time", "refund-worker", []),
 ("Slack alerts muted for a week", "Alert routing rule matched nothing after a rename", "notifications-service", []),
 ("Profile pictures 404", "Migration to new bucket left old paths", "user-profile-api", []),
 ("Billing emails in wrong language", "Template lookup ignored the customer locale", "billing-worker", []),
 ("Login captcha blocking everyone", "Captcha provider changed its API response", "auth-service", []),
 ("Search autocomplete slow", "Autocomplete index not warmed after restart", "search-api", [ES]),
 ("ETL loaded duplicate rows", "Non-idempotent upsert after partial failure", "etl-runner", []),
 ("Stock levels negative", "Manual correction script ran twice", "inventory-service", []),
 ("Mobile app crash on startup", "Remote config returned a field the old app version could not parse", "mobile-bff", ["mobile-sdk"]),
 ("Storefront 404 on category pages", "URL rewrite rule order changed in ingress config", "storefront-web", ["ingress-nginx"]),
 ("Webhook signatures invalid", "Secret rotated on our side only", "payments-api", []),
 ("Invoices PDF rendering blank", "Font package missing from the new base image", "invoice-api", []),
 ("Customer support tool read-only", "Feature permission removed in role cleanup", "user-profile-api", []),
 ("Delayed order confirmation emails", "SMTP relay greylisted our new IP", "email-sender", []),
 ("Growth dashboard shows zero signups", "Event name changed in the web client", "analytics-ingest", []),
 ("Carrier tracking updates missing", "Carrier webhook URL pointed at the old domain", "shipping-api", []),
 ("Session-service pods pending", "Cluster ran out of IPs in the subnet", "session-service", []),
 ("Duplicate push notifications", "Retry on timeout without deduplication", "push-gateway", []),
 ("Coupon stacking allowed", "Validation rule disabled during a hotfix and never re-enabled", "promotions-service", []),
 ("Reports API 403 for partners", "API key scope change deployed to partners early", "reporting-api", []),
 ("Checkout tax calculation wrong", "Tax table update for one region had a wrong rate", "checkout-api", []),
 ("Indexer skipped documents", "Bulk request size limit silently truncated batches", "indexer-worker", [ES]),
 ("Fraud rules blocked valid cards", "Threshold copied from staging", "fraud-scorer", []),
 ("Notification preferences ignored", "Cache key collision between tenants", "notifications-service", []),
 ("Subscription downgrade failed", "Proration edge case for annual plans", "subscription-service", []),
 ("Orders export truncated", "Pagination cursor bug", "orders-service", []),
 ("Web vitals regression", "A third-party script blocked rendering", "storefront-web", []),
 ("Mobile BFF returning stale prices", "Response cache TTL set to a day by mistake", "mobile-bff", []),
 ("Warehouse picks delayed", "RabbitMQ warehouse queue hit its memory high watermark and blocked publishers", "inventory-service", ["warehouse-queue"]),
 ("Logins rejected after SDK upgrade", "auth-sdk 3.2 changed the default token audience; user-profile-api rejected valid tokens", "user-profile-api", ["auth-sdk"]),
]
SEV_STYLE = {"csv": [("SEV{}", 7), ("P{}", 2), ("{}", 1)], "jsonl": [("P{}", 7), ("SEV{}", 3)],
             "json": [("word", 7), ("SEV{}", 3)], "yaml": [("S{}", 5), ("word", 3), ("SEV{}", 2)], "md": [("SEV{}", 6), ("word", 4)]}
SEV_WORDS = {1: ["critical"], 2: ["high"], 3: ["medium", "moderate"], 4: ["low"], 5: ["info"]}
DONE_W, OPEN_W = ["done"] * 4 + ["completed", "closed", "fixed", "shipped", "merged", "resolved"], ["open"] * 3 + ["todo", "in progress", "backlog", "blocked", "planned", "pending"]
HINTS = {"db-pool": "DB connection pool exhausted", "tls-expiry": "expired certificate", "bad-config": "after config push",
         "disk-full": "disk full", "retry-storm": "redis retry storm", "oom": "OOMKilled", "dns": "DNS failures",
         "bad-deploy": "rolled back", "psp-outage": "PayFlow outage", "capacity": "traffic spike", "clock-skew": "clock skew",
         "race": "race condition", "rate-limit": "HTTP 429 from upstream", "kafka-lag": "Kafka consumer lag",
         "migration-lock": "migration lock", "feature-flag": "feature flag misfire", "noisy-neighbour": "noisy neighbour"}
PEOPLE = ["Jürgen", "Zoë", "Priya", "Marco", "Aisha", "Tomás", "Lena", "Kenji", "Fatima", "Ola"]


# ----------------------------------------------------------------------------- helpers
def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ") if t else None


def day(s):
    return datetime.fromisoformat(s).replace(tzinfo=timezone.utc)


CTX = {}


def new_ctx(svc):
    """Placeholder values shared by every text of one incident (cause, trigger, actions agree)."""
    CTX.clear()
    CTX.update(svc=svc, n=R.choice([20, 30, 40, 60, 80, 100, 120, 200]), k=R.randint(6, 40), p=R.choice([10, 20, 25]),
               pool=R.choice([30, 40, 50, 80]), ver="v%d.%d.%d" % (R.randint(1, 4), R.randint(0, 30), R.randint(0, 9)),
               host=HOSTS.get(svc, "api.acme.io"),
               key=R.choice(["payment.retry.max", "search.timeout_ms", "rate_limit.per_ip", "feature.new_checkout",
                             "notification.batch_size", "auth.token_ttl", "promo.max_discount", "shipping.carrier_endpoint"]))


def fill(text, svc):
    if CTX.get("svc") != svc:
        new_ctx(svc)
    return text.format(**CTX)


def pick_time(start, end):
    a, b = day(start), day(end)
    t = a + timedelta(seconds=R.randint(0, int((b - a).total_seconds())))
    hour = R.choice([R.randint(0, 23), R.randint(8, 19), R.randint(8, 19)])
    return t.replace(hour=hour, minute=R.randint(0, 59), second=0)


def make_actions(titles, svc, team, start, done_p, k=None):
    acts = []
    for title in R.sample(titles, min(len(titles), k or R.choice([1, 1, 2, 2, 3]))):
        due = start + timedelta(days=R.randint(7, 60)) if R.random() < 0.8 else None
        r = R.random()
        status, completed = "open", None
        if r < done_p:
            completed = start + timedelta(days=R.randint(0, 40), hours=R.randint(1, 8))
            status = "done" if completed < END else "open"
            completed = completed if completed < END else None
        elif r > 0.96:
            status = "wontfix"
        owner = team if R.random() < 0.85 else R.choice(["team-sre", "team-platform"])
        acts.append(dict(title=fill(title, svc), owner=owner, status=status, due_at=due, completed_at=completed,
                         scope="local" if R.random() < 0.15 else None))
    return acts


def timestamps(start):
    det = start + timedelta(minutes=R.choice([R.randint(1, 10), R.randint(1, 60)]))
    ack = det + timedelta(minutes=R.randint(1, 20))
    mit = max(ack + timedelta(minutes=5), start + timedelta(minutes=R.choice([R.randint(10, 90), R.randint(10, 360)])))
    res = mit + timedelta(minutes=R.choice([R.randint(10, 240), R.randint(60, 4320)]))
    return det, (ack if R.random() < 0.92 else None), mit, (res if res < END and R.random() < 0.97 else None)


def incident(cls, svc, start, title, cause, comps, factors, trigger, tags, acts, sev, mitig, symptom):
    det, ack, mit, res = timestamps(start)
    svcs = [svc] + ([R.choice([s for s in cls.get("svcs", [svc]) if s != svc] or [svc])] if R.random() < 0.15 else [])
    team = SERVICES[svc][0] if R.random() < 0.9 else "team-sre"
    return dict(cls=cls["key"], title=title, sev=sev, started_at=start, detected_at=det, acknowledged_at=ack,
                mitigated_at=mit, resolved_at=res, services=list(dict.fromkeys(svcs)), components=comps if R.random() < 0.85 else [],
                contributing_factors=factors, tags=tags, root_cause=cause, trigger=trigger, team=team, actions=acts,
                mitig=mitig, symptom=symptom)


def sev_level(w):
    return R.choices([1, 2, 3, 4, 5], weights=w)[0]


# ----------------------------------------------------------------------------- generation
def generate():
    pool = []
    for c in CLASSES:
        used = set()
        segs = [(a, b, n if n else c["n"] - sum(s[2] or 0 for s in c["seg"])) for a, b, n in c["seg"]]
        quarters = [(y, q) for y in (2023, 2024, 2025) for q in range(4)]
        for a, b, n in segs:
            for k in range(n):
                svc = R.choice(c["svcs"])
                new_ctx(svc)
                if c["seg"] is D1:  # stratified: every quarter gets its share
                    y, q = quarters[k % 12]
                    start = pick_time(f"{y}-{3 * q + 1:02d}-01", f"{y}-{3 * q + 3:02d}-28")
                else:
                    start = pick_time(a, b)
                for _ in range(12):
                    cause = fill(R.choice(c["causes"]), svc)
                    if R.random() < 0.35:
                        cause = cause.rstrip(".") + ". " + fill(R.choice(c["context"]), svc)
                    if cause not in used:
                        break
                used.add(cause)
                late = c["key"] in FIXED and start > FIXED[c["key"]]
                if late and c["key"] == "disk-full":
                    cause = f"{svc} ran a custom image that bypassed the base image log rotation; its disk filled with logs."
                if late and c["key"] == "retry-storm":
                    cause = f"{svc} was still on a hand-rolled redis client instead of resilience-lib and retried in a tight loop."
                team = SERVICES[svc][0]
                comps = list(c["comps"])
                inc = incident(c, svc, start, fill(R.choice(c["titles"]), svc), cause, comps,
                               R.sample(c["factors"], R.randint(1, 3)), fill(R.choice(c["triggers"]), svc),
                               R.sample(c["tags"], R.randint(1, len(c["tags"]))),
                               make_actions(c["actions"], svc, team, start, c["done"]), sev_level(c["sev"]),
                               fill(R.choice(c["mitig"]), svc), c["symptom"])
                inc["late"] = late
                pool.append(inc)
    for key, n, svcs, comps, causes, titles, mitig, actions, sevw in SMALL:
        c = dict(key=key, svcs=svcs)
        for i in range(n):
            svc = svcs[i % len(svcs)] if i < len(svcs) else R.choice(svcs)
            start = pick_time("2023-01-02", "2025-12-28")
            new_ctx(svc)
            pool.append(incident(c, svc, start, fill(R.choice(titles), svc), fill(R.choice(causes), svc),
                                 list(comps), R.sample(["no alert", "runbook missing", "change not reviewed", "weekend staffing",
                                                        "no load test", "monitoring gap", "unclear ownership"], R.randint(1, 2)),
                                 R.choice(["deploy", "traffic", "upstream change", "", "scheduled job"]), [key],
                                 make_actions(actions, svc, SERVICES[svc][0], start, 0.6), sev_level(sevw), mitig, "was degraded"))
    for title, cause, svc, comps in MISC:
        c = dict(key="misc", svcs=[svc])
        start = pick_time("2023-01-02", "2025-12-28")
        pool.append(incident(c, svc, start, title, cause, list(comps), R.sample(["no alert", "manual step", "no review", "missing test"], 1),
                             R.choice(["deploy", "config change", "", "external change"]), ["misc"],
                             make_actions(["Add test for this case", "Add alert", "Write runbook entry", "Fix the bug"], svc, SERVICES[svc][0], start, 0.6),
                             sev_level([0, 8, 40, 42, 10]), "applied a manual fix", "misbehaved"))
    return pool


def plant_systemic(pool):
    """Attach the finalising actions and the open systemic config action; returns forced file per incident."""
    forced = {}
    def pre(key, before):
        return sorted((i for i in pool if i["cls"] == key and i["started_at"] < day(before) and not i.get("late")), key=lambda i: i["started_at"])
    d = pre("disk-full", "2024-03-11")
    d[-1]["actions"] = d[-1]["actions"][:1] + [dict(title="Standard log rotation and disk-usage alert in the shared base image for all services",
        owner="team-platform", status="done", due_at=day("2024-03-31"), completed_at=day("2024-03-15") + timedelta(hours=16), scope="systemic")]
    d[-2]["actions"] = [dict(title="Cap the logging-agent disk buffer at 5 GB on every host", owner="team-platform", status="done",
        due_at=day("2024-03-31"), completed_at=day("2024-03-15") + timedelta(hours=11), scope=None)]
    forced[id(d[-1])], forced[id(d[-2])] = "csv", "jsonl"
    r = pre("retry-storm", "2024-09-26")
    r[-1]["actions"] = [dict(title="Adopt resilience-lib (jittered exponential backoff, retry budget) in every service that talks to redis-cache",
        owner="team-platform", status="done", due_at=day("2024-09-30"), completed_at=day("2024-09-30") + timedelta(hours=15), scope="systemic")]
    r[-2]["actions"].append(dict(title="Ship resilience-lib 1.0 with jittered backoff as the default client wrapper for all services",
        owner="team-platform", status="done", due_at=day("2024-09-15"), completed_at=day("2024-09-30") + timedelta(hours=10), scope=None))
    forced[id(r[-1])], forced[id(r[-2])] = "yaml", "csv"
    for i in (d[-1], d[-2], r[-1], r[-2]):
        i["components"] = i["components"] or list({"disk-full": ["logging-agent"]}.get(i["cls"], [RD]))
    cfg = [i for i in pool if i["cls"] == "bad-config" and day("2024-10-01") < i["started_at"] < day("2025-03-01")][0]
    cfg["actions"].append(dict(title="Staged (canary) rollout for all config-service pushes, region by region",
        owner="team-platform", status="in progress", due_at=day("2025-06-30"), completed_at=None, scope="systemic"))
    forced[id(cfg)] = "md-table-due"
    return forced


def add_noise(pool, forced):
    free = [i for i in pool if id(i) not in forced]
    for i in R.sample([i for i in free if i["cls"] != "misc"], 10):
        i["root_cause"], i["empty_cause"] = "", True
        if not any(w in i["title"].lower() for w in HINTS[i["cls"]].lower().split() if len(w) > 3):
            i["title"] += " — " + HINTS[i["cls"]]  # the title still tells what happened
    for i in R.sample(free, 10):
        i["actions"] = []
    for i in R.sample(free, 5):
        i["detected_at"] = i["started_at"] - timedelta(minutes=R.randint(2, 9))
        i["acknowledged_at"] = i["detected_at"] + timedelta(minutes=R.randint(4, 20)) if i["acknowledged_at"] else None
        i["out_of_order"] = True
    for canon, spelling in TEAM_VARIANTS:
        next(i for i in pool if i["team"] == canon and id(i) not in forced)["team"] = spelling


def add_variants(pool, forced):
    """Alias / case / separator spellings of names, outside the postmortems (whose front matter may omit components)."""
    for canon, spelling in VARIANT_USES:
        i = R.choice([i for i in pool if canon in i["services"] + i["components"] and not i.get("variant")
                      and id(i) not in forced and not i["file"].startswith("md")])
        for f in ("services", "components"):
            i[f] = [spelling if x == canon else x for x in i[f]]
        i["variant"] = spelling


def assign_files(pool, forced):
    pool.sort(key=lambda i: i["started_at"])
    for i in pool:
        i["file"] = forced.get(id(i))
    rest = lambda: [i for i in pool if not i["file"]]
    for i in R.sample([i for i in rest() if i["started_at"].year == 2023], 40):
        i["file"] = "json"
    cand = rest()
    weights = [{1: 6, 2: 4, 3: 1.5, 4: 0.7, 5: 0.3}[i["sev"]] for i in cand]
    md = set()
    while len(md) < 44:
        md.add(id(R.choices(cand, weights)[0]))
    for i in cand:
        if id(i) in md:
            i["file"] = "md"
    for i in R.sample(rest(), 39):
        i["file"] = "yaml"
    for i in R.sample(rest(), 60):
        i["file"] = "jsonl"
    for i in rest():
        i["file"] = "csv"
    n, pm = 1001, {}
    for i in pool:
        if i["file"].startswith("md"):
            y = i["started_at"].year
            pm[y] = pm.get(y, R.randint(3, 9)) + R.randint(1, 3)
            i["id"] = "PM-%d-%03d" % (y, pm[y])
        else:
            i["id"] = "INC-%d" % n
            n += R.randint(1, 2)


# ----------------------------------------------------------------------------- writers
def sev_text(i, fmt):
    style = R.choices([s for s, _ in SEV_STYLE[fmt]], [w for _, w in SEV_STYLE[fmt]])[0]
    return R.choice(SEV_WORDS[i["sev"]]) if style == "word" else style.format(i["sev"])


def status_text(a, cap=False):
    s = {"done": R.choice(DONE_W), "wontfix": "won't do"}.get(a["status"], a["status"] if a["status"] != "open" else R.choice(OPEN_W))
    return s[0].upper() + s[1:] if cap else s


def record(i, fmt, null=False):
    d = {"id": i["id"], "title": i["title"], "severity": sev_text(i, fmt)}
    for f in ("started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at"):
        if i[f] or null:
            d[f] = iso(i[f])
    for f in ("services", "components", "contributing_factors", "tags"):
        if i[f] or f == "services":
            d[f] = i[f]
    for f in ("root_cause", "trigger", "team"):
        if i[f] or null:
            d[f] = i[f]
    return d


def action_record(a, fmt, null=False):
    d = {"title": a["title"], "owner": a["owner"], "status": status_text(a)}
    for f in ("due_at", "completed_at"):
        if a[f] or null:
            d[f] = iso(a[f])
    if a["scope"]:
        d["scope"] = a["scope"]
    return d


YAML_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _./()'+*:-]*$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def ys(v):
    if v is None:
        return "null"
    if isinstance(v, datetime):
        return iso(v)
    if TIMESTAMP.match(v):
        return v
    if YAML_PLAIN.match(v) and ": " not in v and not v.endswith(":") and v.lower() not in {"yes", "no", "true", "false", "on", "off", "null", "y", "n"} and not v.endswith(" "):
        return v
    return json.dumps(v, ensure_ascii=False)


def yaml_map(d, indent=""):
    lines = []
    for k, v in d.items():
        if isinstance(v, list) and k == "actions":
            lines.append(f"{indent}actions:" + ("" if v else " []"))
            for a in v:
                items = list(a.items())
                lines.append(f"{indent}  - {items[0][0]}: {ys(items[0][1])}")
                lines += [f"{indent}    {ak}: {ys(av)}" for ak, av in items[1:]]
        elif isinstance(v, list):
            if k in ("services", "components", "tags") and R.random() < 0.7:
                lines.append(f"{indent}{k}: [{', '.join(ys(x) for x in v)}]")
            else:
                lines.append(f"{indent}{k}:" + ("" if v else " []"))
                lines += [f"{indent}  - {ys(x)}" for x in v]
        else:
            lines.append(f"{indent}{k}: {ys(v)}")
    return lines


def write_csv(incs):
    head = "id,title,severity,started_at,detected_at,acknowledged_at,mitigated_at,resolved_at,services,components,contributing_factors,tags,root_cause,trigger,team".split(",")
    with open(os.path.join(OUT, "incidents.csv"), "w", newline="", encoding="utf-8") as f, \
         open(os.path.join(OUT, "actions.csv"), "w", newline="", encoding="utf-8") as g:
        w, wa = csv.writer(f, lineterminator="\n"), csv.writer(g, lineterminator="\n")
        w.writerow(head)
        wa.writerow(["incident_id", "title", "owner", "status", "due_at", "completed_at", "scope"])
        for i in incs:
            d = record(i, "csv")
            w.writerow([";".join(d[h]) if isinstance(d.get(h), list) else (d.get(h) or "") for h in head])
            for a in i["actions"]:
                wa.writerow([i["id"], a["title"], a["owner"], status_text(a), iso(a["due_at"]) or "", iso(a["completed_at"]) or "", a["scope"] or ""])


def write_jsonl(incs):
    with open(os.path.join(OUT, "incidents.jsonl"), "w", encoding="utf-8") as f:
        for n, i in enumerate(incs):
            d = record(i, "jsonl")
            if len(d["services"]) > 1 and n % 2:  # a list given as one ';'-separated string
                d["services"] = ";".join(d["services"])
            if n % 3 == 0:   # export noise: an unknown field
                d["slack_channel"] = "#" + i["id"].lower()
            d["actions"] = [action_record(a, "jsonl") for a in i["actions"]]
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def write_json(incs):
    with open(os.path.join(OUT, "archive-2023.json"), "w", encoding="utf-8") as f:
        json.dump([dict(record(i, "json", null=True), actions=[action_record(a, "json", True) for a in i["actions"]]) for i in incs],
                  f, ensure_ascii=False, indent=2)
        f.write("\n")


def write_yaml(incs):
    out = ["# Incident export from the on-call tool, one document per incident."]
    for i in incs:
        d = record(i, "yaml")
        d["actions"] = [action_record(a, "yaml") for a in i["actions"]]
        out += ["---"] + yaml_map(d)
    open(os.path.join(OUT, "incidents.yaml"), "w", encoding="utf-8").write("\n".join(out) + "\n")


CAUSE_H = ["## Root Cause", "## Root causes", "### What went wrong", "## Root cause"]
FACT_H = ["## Contributing Factors", "## Contributing factors"]
ACT_H = ["## Action items", "## Follow-ups", "## Corrective actions"]


def write_md(i, variant):
    d = record(i, "md")
    lean = variant != "front"
    front = {k: v for k, v in d.items() if not lean or k in ("id", "title", "severity", "started_at", "detected_at",
                                                              "acknowledged_at", "mitigated_at", "resolved_at", "services", "team")}
    if not lean and i["actions"]:
        front["actions"] = [action_record(a, "md") for a in i["actions"]]
    if lean and R.random() < 0.12:
        del front["title"]  # the '# Title' heading gives it
    svc, t = i["services"][0], i["started_at"]
    dur = int(((i["mitigated_at"] or t) - t).total_seconds() // 60)
    dur = f"{dur} minutes" if dur < 60 else f"{dur // 60} h {dur % 60} min" if dur % 60 else f"{dur // 60} hours"
    body = [f"# {i['title']}", "", "## Summary", "",
            f"On {t.strftime('%-d %B %Y')} {svc} {i['symptom']} for about {dur}. "
            + (f"In short: {i['root_cause'].rstrip('.')}." if i["root_cause"] and not lean else "The on-call team " + i["mitig"] + "."),
            "", "## Impact", "",
            f"About {R.randint(1, 60)}% of requests to {svc} failed or were slow; roughly {R.randint(2, 400) * 10} customers were affected. "
            + R.choice(["No data was lost.", "Some orders had to be replayed by hand.", "Support received a burst of tickets.", "No SLA credits were owed."]),
            "", "## Timeline", "", "All times UTC.", "",
            f"- {t:%H:%M} — impact starts on {svc}",
            f"- {i['detected_at']:%H:%M} — alert fires ({R.choice(['error rate', 'latency p99', 'synthetic check', 'customer report'])})"]
    if i["acknowledged_at"]:
        body.append(f"- {i['acknowledged_at']:%H:%M} — {R.choice(PEOPLE)} ({i['team']}) acknowledges the page")
    body.append(f"- {i['mitigated_at']:%H:%M} — mitigated: {i['mitig']}")
    if i["resolved_at"]:
        body.append(f"- {i['resolved_at']:%Y-%m-%d %H:%M} — incident resolved")
    if lean:
        if i["root_cause"]:
            body += ["", R.choice(CAUSE_H), "", i["root_cause"]]
        if i["contributing_factors"]:
            body += ["", R.choice(FACT_H), ""] + [f"- {x}" for x in i["contributing_factors"]]
        if i["trigger"]:
            body += ["", "## Trigger", "", i["trigger"][0].upper() + i["trigger"][1:] + "."]
        if i["actions"]:
            body += ["", R.choice(ACT_H), ""]
            if variant == "checklist":
                for a in i["actions"]:
                    a["status"], a["due_at"], a["completed_at"] = ("done" if a["status"] == "done" else "open"), None, None
                body += [f"- [{'x' if a['status'] == 'done' else ' '}] {a['title']}" for a in i["actions"]]
            else:
                due, scope = variant == "table-due", any(a["scope"] for a in i["actions"])
                cols = ["Action", "Owner", "Status"] + (["Due"] if due else []) + (["Scope"] if scope else [])
                body += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
                for a in i["actions"]:
                    a["completed_at"], a["due_at"] = None, a["due_at"] if due else None
                    cells = [a["title"], a["owner"], status_text(a, True)] + ([f"{a['due_at']:%Y-%m-%d}" if a["due_at"] else ""] if due else [])
                    body.append("| " + " | ".join(cells + ([a["scope"] or ""] if scope else [])) + " |")
                    a["scope"] = a["scope"] if scope else None
    else:
        note = R.choice(["Root cause and follow-ups are tracked in the front matter.", "See front matter for follow-ups.", ""])
        body += ["", "## Notes", "", note] if note else []
    text = "---\n" + "\n".join(yaml_map(front)) + "\n---\n" + "\n".join(body).rstrip() + "\n"
    open(os.path.join(OUT, "postmortems", i["id"] + ".md"), "w", encoding="utf-8").write(text)


def write_catalog():
    os.makedirs(os.path.join(OUT, "catalog"), exist_ok=True)
    docs = []
    for t in TEAMS + ["shared"]:
        desc = "Catch-all placeholder for things nobody has claimed. Not an on-call team." if t == "shared" else f"{t[5:].title()} team"
        docs.append(["apiVersion: backstage.io/v1alpha1", "kind: Group", "metadata:", f"  name: {t}", f"  description: {desc}",
                     "spec:", "  type: team", "  children: []"])
    for s in sorted({v[1] for v in SERVICES.values()} | {v[3] for v in SHARED.values()}):
        docs.append(["apiVersion: backstage.io/v1alpha1", "kind: System", "metadata:", f"  name: {s}", "spec:", f"  owner: group:default/{SYSTEM_OWNER[s]}"])
    for name, (kind, typ, owner, system) in SHARED.items():
        if name in CSV_ONLY:
            continue
        doc = ["apiVersion: backstage.io/v1alpha1", f"kind: {kind}", "metadata:", f"  name: {name}", "spec:", f"  type: {typ}"]
        if isinstance(owner, list):
            doc += ["  owner:"] + [f"    - {o}" for o in owner]
        elif owner:
            doc.append(f"  owner: {ys(owner)}")
        docs.append(doc + [f"  system: {system}"] + (["  lifecycle: production"] if kind == "Component" else []))
    for name, (team, system, deps) in SERVICES.items():
        if team in NOT_BACKSTAGE:
            continue
        ref = lambda d: ("component" if SHARED[d][0] == "Component" else "resource") + ":default/" + d
        docs.append(["apiVersion: backstage.io/v1alpha1", "kind: Component", "metadata:", f"  name: {name}",
                     "  annotations:", f"    github.com/project-slug: acme/{name}", "spec:", "  type: service", "  lifecycle: production",
                     f"  owner: group:default/{team}", f"  system: {system}", "  dependsOn:"] + [f"    - {ref(d)}" for d in deps + BASE])
    open(os.path.join(OUT, "catalog", "catalog-info.yaml"), "w").write("\n".join("---\n" + "\n".join(d) for d in docs) + "\n")
    with open(os.path.join(OUT, "catalog", "catalog.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "kind", "owner", "depends_on", "type", "system"])
        for name, (team, system, deps) in SERVICES.items():
            if team in NOT_BACKSTAGE:
                w.writerow([name, "Component", team, ";".join(deps + BASE), "service", system])
        for name in sorted(CSV_ONLY):
            kind, typ, owner, system = SHARED[name]
            w.writerow([name, kind, owner, "", typ, system])
    lines = ["# Code owners for the acme monorepo. Later lines win.", ""]
    lines += [f"/services/{s}/ @acme/{t}" for s, (t, _, _) in SERVICES.items()]
    lines += ["", "# shared libraries"] + [f"/libs/{n}/ " + " ".join("@acme/" + o.split("/")[-1].strip() for o in SHARED[n][2].split(","))
                                            for n in SHARED if SHARED[n][1] == "library"]
    lines += ["", "# infrastructure", "/infra/redis-cache/ @acme/team-platform", "/infra/logging-agent/ @acme/team-platform",
              "/infra/kafka-main/ @acme/team-data", f"/infra/{CODEOWNERS_CONFLICT[0]}/ @acme/{CODEOWNERS_CONFLICT[1]}"]
    open(os.path.join(OUT, "catalog", "CODEOWNERS"), "w").write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, "aliases.yaml"), "w") as f:
        f.write("# Alternative spellings -> canonical name (recur --aliases data/sample/aliases.yaml)\n")
        f.writelines(f"{k}: [{', '.join(ys(x) for x in v)}]\n" for k, v in ALIASES.items())


def canon(x):
    x = re.sub(r"[^0-9a-zü]+", "-", x.lower()).strip("-")
    return next((k for k, v in ALIASES.items() if x in [re.sub(r"[^0-9a-z]+", "-", a.lower()) for a in v]), x)


def write_readme(pool):
    rows = []
    for key in [c["key"] for c in CLASSES] + [s[0] for s in SMALL] + ["misc"]:
        incs = [i for i in pool if i["cls"] == key]
        svcs = sorted({canon(s) for i in incs for s in i["services"]})
        qs = sorted({f"{i['started_at'].year}Q{(i['started_at'].month - 1) // 3 + 1}" for i in incs})
        rows.append(f"| {key} | {len(incs)} | {len(svcs)} | {qs[0]}–{qs[-1]} | {', '.join(svcs) if len(svcs) < 9 else ', '.join(svcs[:8]) + ', …'} |")
    files = {}
    for i in pool:
        files[i["file"]] = files.get(i["file"], 0) + 1
    by = lambda f: sum(v for k, v in files.items() if k == f or (f == "md" and k.startswith(f)))
    after = lambda k, d: sum(1 for i in pool if i["cls"] == k and i["started_at"] > day(d))
    systemic = "; ".join(f"{i['id']} ({i['file'].split('-')[0]}): \"{a['title']}\" {a['status']}"
                         for i in pool for a in i["actions"] if a["owner"] == "team-platform" and ("all" in a["title"] or "every" in a["title"]))
    text = f"""# recur sample data

Generated by `python3 data/sample/make_sample.py` (run from the repo root; deterministic, seed 20240601;
overwrites everything here). {len(pool)} incidents, 2023-01 to 2025-12, {len(SERVICES)} services, {len(SHARED)} shared components, {len(TEAMS)} teams.

| file | incidents |
|---|---|
| incidents.csv (+ actions.csv) | {by('csv')} |
| incidents.jsonl | {by('jsonl')} |
| archive-2023.json | {by('json')} |
| incidents.yaml | {by('yaml')} |
| postmortems/*.md | {by('md')} |

Catalog: `catalog/catalog-info.yaml` (Backstage), `catalog/catalog.csv` (team-logistics and team-mobile, which do not
use Backstage: orders-service, shipping-api, inventory-service, mobile-bff, push-gateway, warehouse-queue, mobile-sdk),
`catalog/CODEOWNERS`. Name variants: `aliases.yaml`. Note: importing the whole directory also meets this README and
aliases.yaml, which are not incidents.

## Planted classes

| class | incidents | services | quarters | services (canonical) |
|---|---|---|---|---|
""" + "\n".join(rows) + f"""

1. **db-pool** — connection leaks / pool exhaustion on `postgres-monolith` (Backstage Resource with **no owner**).
   Every quarter, still in 2025. Follow-ups all local (restart pods, raise pool size, timeouts); many done. Not finalised.
2. **tls-expiry** — expired certificates on `edge-gateway`, owner `group:default/shared` (catch-all group). Local follow-ups only.
3. **bad-config** — config pushes through `config-service`: Backstage owner is a list (team-platform, team-payments),
   CODEOWNERS says team-sre (**conflict**). Local follow-ups plus one open systemic action
   ("Staged (canary) rollout for all config-service pushes", team-platform, in progress, due 2025-06-30: overdue).
4. **disk-full** — log volume exhaustion via `logging-agent`. **Finalised**: "Standard log rotation and disk-usage alert in
   the shared base image for all services" (team-platform, done 2024-03-15, scope systemic) plus "Cap the logging-agent
   disk buffer at 5 GB on every host" (done 2024-03-15, no scope given). Incidents after 2024-03-15: {after('disk-full', '2024-03-16')}.
5. **retry-storm** — retry storms against `redis-cache`. **Finalised**: adopt `resilience-lib` (jittered backoff) in every
   service (team-platform, done 2024-09-30, scope systemic) plus "Ship resilience-lib 1.0 ..." (done 2024-09-30, no scope).
   Incidents after 2024-09-30: {after('retry-storm', '2024-10-01')}.
6. Smaller classes and one-offs (`misc`, each a different cause) as in the table.

Besides those three, `feature-flags-sdk` has two owners given as comma-separated text (CODEOWNERS agrees); every other
shared component has one real owner, and only config-service has conflicting owners.

Systemic / class-wide follow-ups and where they sit: {systemic}

## Noise

- empty root_cause (telling title and factors): {', '.join(sorted(i['id'] for i in pool if i.get('empty_cause')))}
- no follow-up actions: {sum(1 for i in pool if not i['actions'])} incidents
- detected_at before started_at: {', '.join(sorted(i['id'] for i in pool if i.get('out_of_order')))}
- name variants: {', '.join(sorted(f"{i['id']} ({i['variant']})" for i in pool if i.get('variant')))}
- team variants: {', '.join(v for _, v in TEAM_VARIANTS)}; severities as SEVn, Pn, Sn, digits and words; open actions with due dates in the past.
"""
    open(os.path.join(OUT, "README.md"), "w", encoding="utf-8").write(text)


def main():
    pool = generate()
    forced = plant_systemic(pool)
    add_noise(pool, forced)
    assign_files(pool, forced)
    add_variants(pool, forced)
    shutil.rmtree(os.path.join(OUT, "postmortems"), ignore_errors=True)
    os.makedirs(os.path.join(OUT, "postmortems"))
    for i in [i for i in pool if i["file"].startswith("md")]:
        write_md(i, "table-due" if i["file"] == "md-table-due" else
                 R.choice(["front", "front", "front", "checklist", "table", "table-due"]) if R.random() < 0.9 else "front")
    write_csv([i for i in pool if i["file"] == "csv"])
    write_jsonl([i for i in pool if i["file"] == "jsonl"])
    write_json([i for i in pool if i["file"] == "json"])
    write_yaml([i for i in pool if i["file"] == "yaml"])
    write_catalog()
    write_readme(pool)
    # The planted class of every incident, for `recur eval --truth data/sample-truth.csv`.
    # Kept outside data/sample so that importing the folder does not read it.
    with open(os.path.join(OUT, "..", "sample-truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["incident_id", "class"])
        for i in sorted(pool, key=lambda i: i["id"]):
            # Each one-off ("misc") incident is a class of its own.
            w.writerow([i["id"], i["cls"] if i["cls"] != "misc" else "misc-" + i["id"]])


if __name__ == "__main__":
    main()
