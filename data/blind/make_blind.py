#!/usr/bin/env python3
"""make_blind.py -- deterministic generator for the BLIND incident test corpus.

Writes, next to this file:
  incidents.jsonl  ~1,500 synthetic incidents (id, title, started_at, severity,
                   services, team, root_cause)
  truth.csv        incident_id,class
  queries.csv      query,class  (40 hand-written "find similar" probes)

Standard library only; fixed seed (SEED below), so re-running gives identical output.
The class list and all texts were written without looking at the analysis tool's
own vocabulary (see README.md).
"""
# ====================================================================== classes
# Each class: name (label), desc (one line, for README), size (#incidents),
# obvious (stems of the content words of the class's most obvious phrasing; at least
# 3 templates must contain none of them -- checked in check_classes()),
# titles (symptom-level title templates), templates (root-cause paraphrases with {slots}).
CLASSES = [
    # ------------------------------------------------------------------ storage
    dict(
        name="disk-full",
        desc="A filesystem/volume ran out of byte capacity (logs, dumps, temp files, images), so writes failed.",
        size=80,
        obvious=["disk", "full", "space"],
        titles=["{host} filesystem alert", "Writes failing on {svc}", "{svc} went read-only"],
        templates=[
            "Root filesystem on {host} reached 100% usage; {svc} crashed on write with 'No space left on device'.",
            "Disk full on {host}. Old heap dumps in /tmp were never cleaned up.",
            "{svc} nodes ran out of disk space because the log retention job was disabled during the {ver} rollout.",
            "Ephemeral storage on Kubernetes node {node} filled up with unused container images; the kubelet evicted {svc} pods.",
            "The volume mounted at {mount} on {host} hit 100% utilisation because log rotation had stopped; writes from {svc} began failing with ENOSPC.",
            "No room left on the data partition of {host}; {svc} could not write its WAL and went read-only.",
            "Storage on {host} ran out after a debug logging flag that was left on produced {gb} GB of logs in {hours} hours.",
            "The server ran out of room to save files, so {svc} stopped accepting uploads.",
            "disk 100% on {host}, {svc} down. cleared old logs and restarted.",
            "Paging alert for {svc} 5xx fired at {time}. On investigation the {mount} partition on {host} was completely full because core dumps from a crash loop had accumulated over {days} days. On-call removed the dumps and restarted the service.",
            "Database host {host} used up its data volume after a bulk import of {big} rows; Postgres refused new writes.",
            "Kafka broker {host} log directory filled to capacity after retention was raised to {days} days without resizing the volumes.",
            "A runaway temp file written by the nightly export job consumed all free space on {host}.",
            "Out of disk on build agent {host}; the {svc} deploy pipeline failed for {hours}h until the docker cache was pruned.",
        ],
    ),
    dict(
        name="inode-exhaustion",
        desc="The filesystem hit its maximum number of files (inodes) from many tiny files, while byte usage looked fine.",
        size=22,
        obvious=["inode", "exhaust"],
        titles=["Cannot create files on {host}", "{svc} write errors", "Upload failures on {svc}"],
        templates=[
            "Filesystem on {host} ran out of inodes due to millions of tiny session files in /var/lib/php/sessions; writes failed with ENOSPC although df showed {pct}% free.",
            "inode usage 100% on {host}: a scratch directory for {svc} accumulated {big} small files.",
            "No new files could be created on {host} even though plenty of capacity remained; the file-count ceiling of the ext4 volume had been reached by {big} thumbnail fragments.",
            "{svc} could not create temp files: the filesystem's file-entry table was used up by an unbounded spool of {big} zero-byte marker files.",
            "Millions of tiny marker files written by {cron} on every run eventually meant the volume on {host} could not hold a single additional file, despite being only {pct}% used by bytes.",
            "Inodes exhausted on {mount} ({host}). The mail spool held {big} undelivered message files.",
            "df -i showed 100% IUse on {host}; {svc} failed to write PID and socket files on restart.",
            "The server had lots of free storage but had hit the maximum number of files it could hold, so {svc} could not save anything new.",
            "Node {node} ran out of inodes from orphaned container layers; pods for {svc} were stuck in ContainerCreating.",
            "Alert fired for failed uploads on {svc}. Disk usage looked normal at {pct}%, which delayed diagnosis by {mins} minutes. Eventually someone ran df -i and found the inode table exhausted by small cache shards. We deleted the shards and added an inode usage alert.",
            "inode exhaustion on {host}, {big} small files under {mount}.",
            "XFS filesystem on {host} reported no free inodes after a change in {svc} {ver} stopped cleaning up per-request scratch files.",
            "Every request left behind a tiny trace file that nothing ever removed; after {days} days the per-volume file count limit on {host} was hit and writes began erroring.",
        ],
    ),
    # ------------------------------------------------------------------ memory
    dict(
        name="memory-leak",
        desc="The process retained memory it should have released; usage grew over time until OOM/GC death.",
        size=75,
        obvious=["memory", "leak"],
        titles=["{svc} pods restarting", "{svc} OOMKilled repeatedly", "Gradual latency increase on {svc}"],
        templates=[
            "Memory leak in {svc} {ver}: an unbounded in-process cache grew until pods were OOM-killed every {hours} hours.",
            "Heap grew steadily after the {ver} deploy because event listeners were never deregistered; GC thrashing and eventually OOM on {svc}.",
            "{svc} RSS climbed linearly for {days} days until the kernel OOM killer terminated it; the culprit was a goroutine leak in the websocket handler.",
            "Each request left a small object behind in a global map that was never cleared, so the process grew larger over days until the operating system killed it.",
            "{svc} accumulated unreleased buffers from the image resizing library; resident size crept from 400MB to {limit_mb}MB before the container was terminated.",
            "mem leak in {svc} {ver}, OOMKilled every ~{hours}h. rolled back.",
            "Slow leak in native code (libxml bindings) in {svc}; pods restarted with exit code 137 every few hours.",
            "Heap usage sawtooth never returned to baseline after {ver}; a per-tenant metrics registry was created on every request and never freed.",
            "Starting {days} days after the {ver} release, {svc} began restarting in a regular pattern: each pod lived about {hours} hours. Grafana showed heap rising linearly with request count. A heap dump showed millions of retained request contexts held by a static list. The fix shipped in the next patch.",
            "Process footprint of {svc} kept swelling without bound after a change that compiled and stored a regex per user; hosts started swapping and latency degraded.",
            "Unclosed ResultSet objects in {svc} retained large byte arrays; memory grew until GC pauses reached {n} seconds.",
            "A Python worker in {svc} appended every parsed payload to a module-level list; memory leaked until the container hit its cap.",
            "Objects held by a forgotten static reference in {svc} could never be garbage collected, so every instance grew a little with each request and died after roughly {hours} hours of uptime.",
        ],
    ),
    dict(
        name="memory-limit-too-low",
        desc="Memory usage was normal and stable, but the configured limit/heap/instance size was smaller than the working set.",
        size=35,
        obvious=["memory", "limit", "low"],
        titles=["{svc} CrashLoopBackOff", "{svc} OOMKilled after deploy", "{svc} pods restarting under load"],
        templates=[
            "Container memory limit for {svc} was set to {limit_mb}Mi in the Helm values, below the service's normal working set; pods were OOMKilled as soon as traffic warmed the caches.",
            "JVM -Xmx for {svc} was reduced to {limit_mb}m in the {ver} settings refactor, too small for the peak batch size; OutOfMemoryError under normal load.",
            "We gave {svc} less RAM than it actually needs at peak; when the morning traffic arrived the containers were killed and restarted in a loop.",
            "The resource request and cap for {svc} were copied from a much smaller service; under ordinary load the kernel terminated the container for exceeding its {limit_mb}Mi allowance.",
            "{svc} pods sized at {limit_mb}Mi could not hold the full product catalogue after it grew by {pct}%; they crashed on startup with exit code 137.",
            "{svc} OOMKilled, limit {limit_mb}Mi too tight for the new dataset. bumped to 2x.",
            "Memory limits were never revisited after {svc} started loading the ML model in-process; the model alone needed more than the configured limit.",
            "An autoscaler right-sizing recommendation was applied blindly and cut the {svc} memory limit by {pct}%; pods OOMed during the nightly report.",
            "Not a leak: memory usage was flat and expected, but the cgroup limit of {limit_mb}Mi was lower than the steady-state working set after {ver} added a larger in-memory index.",
            "{svc} entered CrashLoopBackOff at {time} shortly after a values-file edit. Investigation showed the memory limit had been reduced from 2Gi to {limit_mb}Mi in an unrelated cleanup PR {pr}. The service's steady working set was above the new limit. We restored the previous value.",
            "Undersized heap: Node.js --max-old-space-size was left at the default for {svc} while payloads grew; the process aborted with 'heap out of memory' on large exports.",
            "Container sizing for {svc} did not account for the {n} worker processes it forks; the combined footprint exceeded the pod cap immediately under load.",
            "The VM type for {svc} was downgraded to save cost, leaving {n} GB of RAM, not enough to hold the index; the process was killed by the OOM killer at peak.",
        ],
    ),
    # ------------------------------------------------------------------ pools
    dict(
        name="db-connection-pool-exhaustion",
        desc="All database connections (client pool or server max_connections) were in use or leaked, so requests waited for a connection.",
        size=60,
        obvious=["database", "connection", "pool", "exhaust"],
        titles=["{svc} timeouts", "{svc} requests hanging", "{svc} 503s"],
        templates=[
            "{svc} exhausted its database connection pool (max {n2}) because a slow report query held connections for minutes; requests timed out waiting for a connection.",
            "HikariCP pool in {svc} saturated at {n2} connections; request threads blocked on getConnection() for 30s.",
            "Postgres hit max_connections ({maxconn}) after {svc} was scaled to {n2} replicas, each opening its own pool.",
            "db conn pool exhausted on {svc}; connections leaked in an error path were never returned.",
            "Every available slot for talking to the orders store was taken by requests that never gave theirs back, so new requests to {svc} queued until they timed out.",
            "A code path in {svc} {ver} forgot to release its handle to Postgres on exception; after enough errors every handle was checked out and the service stalled.",
            "PgBouncer reported all server slots in use; clients from {svc} sat in cl_waiting for {mins} minutes.",
            "Connection pool starvation: long-running transactions in {cron} held {n} of {n2} pooled connections, leaving {svc} requests waiting.",
            "Latency alarms fired on {svc} at {time}. Thread dumps showed every request thread parked waiting for a pooled JDBC connection. A new reporting endpoint opened a transaction and then called an external API while holding it. We added a timeout and moved the call outside the transaction.",
            "MySQL 'Too many connections' errors from {svc} after the per-instance pool size was raised to {n2} across {n} instances.",
            "{svc} leaked DB connections whenever the client disconnected mid-request; the pool reached its ceiling within {hours} hours of the deploy.",
            "RDS instance {db} refused new sessions once its session count hit the instance maximum, because a wrapper in {svc} opened a fresh link to it on every attempt and never closed the old ones.",
            "Request handlers in {svc} were blocked waiting to borrow a connection; a pool size of {n} was far too small for the new concurrency level.",
        ],
    ),
    dict(
        name="thread-pool-exhaustion",
        desc="All request-handling workers/threads (or the event loop) were occupied or blocked, so no worker was free for new work.",
        size=38,
        obvious=["thread", "pool", "exhaust"],
        titles=["{svc} unresponsive", "{svc} health checks failing", "{svc} requests queued"],
        templates=[
            "All {n2} Tomcat worker threads in {svc} were blocked on a synchronous call to {svc2} with no timeout; new requests queued and were then rejected.",
            "{svc} executor thread pool saturated; RejectedExecutionException on every async task after {svc2} slowed down.",
            "thread pool exhaustion in {svc}, all workers stuck on blocking IO.",
            "All of the service's workers were stuck waiting on a slow partner system and none were free to answer new requests, so {svc} looked hung.",
            "Gunicorn for {svc} ran {n} sync workers; a single slow endpoint tied every one of them up and the health check timed out.",
            "The Node.js event loop in {svc} was blocked by a synchronous bcrypt call on every login; all other requests stalled behind it.",
            "Netty I/O threads in {svc} were doing blocking calls to {svc2}, starving the event loop; throughput collapsed.",
            "Puma in {svc} had all request handlers occupied by long-polling clients after the {ver} change; regular traffic got 503s.",
            "At {time} {svc} health checks began failing although CPU was under {pct}%. A thread dump showed all {n2} request threads WAITING on an HTTP call to {svc2}, which had started responding in 60s instead of 200ms. The HTTP client had no read timeout configured. We set timeouts and added a bulkhead.",
            "ForkJoinPool.commonPool starvation: CompletableFutures in {svc} ran blocking code, so every common-pool thread was parked.",
            "Worker thread count in {svc} maxed out at {n2}; new connections sat in the accept backlog until the load balancer gave up on them.",
            "The gRPC server in {svc} ran out of handler threads because streaming RPCs never completed; unary calls starved.",
            "Celery processes for {svc} were all occupied by tasks hanging on an SFTP transfer, so nothing else got picked up for {mins} minutes.",
        ],
    ),
    dict(
        name="integer-id-overflow",
        desc="A fixed-width integer (primary key, sequence, counter) reached its maximum value and overflowed or wrapped.",
        size=20,
        obvious=["integer", "overflow", "id"],
        titles=["Inserts failing on {table}", "{svc} cannot create records", "Checkout failures"],
        templates=[
            "The primary key of {table} was a 32-bit INT and reached 2,147,483,647; inserts into {table} failed with out-of-range errors.",
            "Auto-increment sequence for {table} exhausted the signed int range; {svc} could not create new records.",
            "int32 overflow on {table}.id, inserts failing. migrated column to bigint.",
            "The counter used to number new orders reached the biggest value its column type could store, so no new orders could be saved.",
            "A 16-bit counter in {svc}'s wire protocol wrapped around after 65,535 frames and the receiver started treating new frames as duplicates.",
            "{svc} kept the event sequence number in a Java int; after {days} days of uptime it went negative and the dedupe logic rejected all events.",
            "The key column on {table} ran past its maximum representable value (2^31-1) and Postgres returned 'integer out of range'.",
            "Around {time} all checkout attempts started failing with database errors. The {table} id column was a signed 32-bit integer and its sequence had just crossed 2^31. Nobody had an alert on sequence headroom. We switched the column to bigint using a shadow table, which took {hours} hours.",
            "A byte-size field in {svc}'s upload pipeline was a 32-bit int; files over 2 GB produced negative sizes and were rejected.",
            "Integer overflow in the quota calculation in {svc} {ver} once request counts exceeded 2^31 produced negative quotas.",
            "The {table} sequence reached its MAXVALUE; nextval() errored and writes from {svc} stopped.",
            "An unsigned counter wrapped back to zero in {svc} after {big} requests, resetting pagination cursors and causing duplicate processing.",
            "Row numbering for {table} hit the ceiling of a four-byte column after {n} years of growth; writes were rejected until it was widened to eight bytes.",
        ],
    ),
    # ------------------------------------------------------------------ expiry
    dict(
        name="tls-cert-expiry",
        desc="A TLS/X.509 certificate (server, client/mTLS, intermediate CA) passed its validity date and handshakes failed.",
        size=60,
        obvious=["tls", "certificate", "cert", "expire", "expiry"],
        titles=["Handshake errors to {domain}", "{domain} unreachable for clients", "Partner callbacks failing"],
        templates=[
            "The TLS certificate for {domain} expired at 00:00 UTC; clients failed their handshakes.",
            "The cert on the internal ingress for {svc} lapsed because cert-manager renewal had been failing silently for {days} days.",
            "expired TLS cert on {svc} LB. renewed manually.",
            "HTTPS on {domain} broke at midnight when the X.509 leaf we serve reached its notAfter date; automatic renewal had been broken because the ACME DNS challenge record was stale.",
            "Let's Encrypt renewal for {domain} had been failing for weeks due to a firewall rule blocking the HTTP-01 challenge; after 90 days clients started getting handshake errors.",
            "mTLS between {svc} and {svc2} broke when the internal CA-issued client cert reached the end of its one-year validity.",
            "An intermediate CA certificate in the chain served by {svc} expired; older Android clients could no longer validate the chain.",
            "SSL handshake failures 'x509: certificate has expired or is not yet valid' on calls from {svc} to {svc2}.",
            "Browsers showed a date-invalid warning on {domain}; the renewal reminder had gone to a former employee's mailbox.",
            "Customers reported they could not reach {domain} at {time}. The on-call found the serving certificate had expired overnight. It had been bought manually {n} years ago and was not tracked by our renewal automation. We issued a new certificate and moved it into cert-manager.",
            "Kafka clients of {svc} failed SSL handshakes after the broker keystore certificate passed its validity date.",
            "The HTTPS identity presented by the {svc} webhook endpoint was only valid for {days} days and nothing rotated it; partner callbacks failed once it ran out.",
            "Mesh sidecars for {svc} stopped accepting traffic because workload certs were not re-issued while istiod was down for {hours} hours, and the short-lived certs aged out.",
        ],
    ),
    dict(
        name="credential-expiry",
        desc="A non-certificate secret (password, API key, OAuth/refresh token, keytab, access key) expired or was rotated out and not updated.",
        size=45,
        obvious=["credential", "expire", "expiry"],
        titles=["{svc} 401s from {vendor}", "Auth failures in {svc}", "{svc} integration broken"],
        templates=[
            "The service-account password used by {svc} to reach {db} expired under the 90-day password policy; logins failed.",
            "The {vendor} API key used by {svc} expired on schedule and was not rotated; all calls returned 401.",
            "AWS access keys for {svc} were deactivated by the security automation after 180 days but the app still used the old pair; S3 writes failed with InvalidAccessKeyId.",
            "The secret {svc} uses to sign in to the {vendor} API stopped being accepted on its scheduled rotation date and nobody updated it.",
            "oauth client secret for {vendor} expired -> 401s from {svc}.",
            "The Kerberos keytab for {svc} aged out; authentication to the Hadoop cluster was refused.",
            "The GitHub deploy token used by the {svc} pipeline reached its end-of-life date; deploys failed for {hours} hours.",
            "The OAuth refresh token stored for the {vendor} integration lapsed after {days} days without use, so {svc} could no longer fetch data.",
            "The Vault lease for the {db} dynamic credentials expired and the renewal sidecar had crashed; {svc} got 'password authentication failed'.",
            "Starting at {time} all outgoing SMS from {svc} failed. The {vendor} account's API credentials had a fixed one-year lifetime that nobody tracked; the only reminder email went to an unmonitored shared inbox. We generated new credentials and added a calendar alert.",
            "The Azure AD service principal secret for {svc} expired; token requests returned AADSTS7000222.",
            "The database user for {svc} was locked out after its password aged past the policy maximum.",
            "The login {svc} uses for the {vendor} SFTP drop was disabled automatically after its password reached the 60-day age cap; nightly file transfers were refused.",
        ],
    ),
    # ------------------------------------------------------------------ change
    dict(
        name="bad-config-change",
        desc="A configuration/settings/infrastructure value was changed to a wrong value (no application code change).",
        size=90,
        obvious=["config", "configuration", "change", "bad"],
        titles=["{svc} errors after config push", "{svc} misrouting requests", "{svc} 4xx spike"],
        templates=[
            "A configuration change to {svc} set the upstream host to a staging address; production traffic was proxied to staging.",
            "Syntax error in the nginx config for {svc} (missing semicolon) passed CI because config validation was not run; reload failed on all edge nodes.",
            "The timeout value in the {svc} config was set to 30ms instead of 30s in PR {pr}; nearly every call to {svc2} timed out.",
            "bad cfg push to {svc}: wrong env var for {svc2} URL. reverted.",
            "Someone edited a setting for {svc} and pointed it at the wrong address; since the edit went out everywhere at once, all requests failed.",
            "A YAML indentation mistake in the {svc} Helm values silently dropped the list of allowed origins, so browsers' CORS preflights failed for the web app.",
            "An update to the load balancer listener rules for {svc} accidentally removed the /api path rule; {pct}% of requests got 404.",
            "max_body_size was lowered from 10MB to 10KB in the {svc} config repo; uploads failed.",
            "A security group change removed ingress from {svc} to {db} on port 5432.",
            "At {time} a routine config deployment for {svc} changed the region setting from {region} to a region where the service had no data. The change was reviewed but the reviewer missed the value. Error rate went to {pct}% and synthetic checks caught it within {mins} minutes; rollback restored service.",
            "The DATABASE_URL environment variable for {svc} was overwritten with an empty value by a Terraform apply.",
            "Misconfigured gateway throttle: {n} requests per hour instead of per second, blocking most {svc} clients.",
            "A wrong value pushed to the runtime settings store set the {svc} TTL to 0, so every request went to {db}.",
            "The rollout flag for the new pricing path was switched on for all tenants instead of {pct}%, exposing an unfinished flow.",
        ],
    ),
    dict(
        name="code-regression",
        desc="A newly shipped application code change contained a logic/compatibility defect.",
        size=90,
        obvious=["code", "regression", "bug", "deploy", "release"],
        titles=["{svc} errors after {ver} deploy", "Regression in {svc}", "{svc} 500s after release"],
        templates=[
            "A regression in {svc} {ver} broke pagination: the new cursor encoding was not backward compatible and clients received empty pages.",
            "A bug introduced in PR {pr} made {svc} return 500 for requests with a missing optional header; rolled back to {prev_ver}.",
            "NullPointerException in a new code path in {svc} {ver} for users without a saved address.",
            "bad deploy {svc} {ver}: NPE in checkout flow. rollback.",
            "The latest version of {svc} we shipped contained a mistake in how it rounds prices, so some customers were charged the wrong amount.",
            "An off-by-one in the batching logic added in {ver} dropped the last item of every batch sent from {svc} to {svc2}.",
            "{svc} {ver} renamed the JSON field 'userId' to 'user_id' without versioning the API; mobile clients broke.",
            "A refactor in {ver} removed a nil check; {svc} panicked on every request from legacy clients.",
            "Unit tests did not cover the empty-cart case and {svc} {ver} threw on it; {pct}% of checkouts failed until rollback.",
            "Following the {time} rollout of {svc} {ver}, error rates rose to {pct}%. The canary stage had been skipped because of a pipeline change. The new serializer could not handle a legacy enum value. Rolling back to {prev_ver} resolved the issue within {mins} minutes.",
            "Logic error in the new discount engine in {svc}: the percentage was applied twice.",
            "A library upgrade in {svc} {ver} changed the default JSON serializer behaviour, emitting nulls where clients expected omitted fields; it shipped without contract tests.",
            "The new build of {svc} had an inverted if-condition in the permission check, hiding data from paying users.",
        ],
    ),
    # ------------------------------------------------------------------ load
    dict(
        name="traffic-surge",
        desc="Genuine external demand (campaign, launch, viral event, seasonal peak, big customer) exceeded provisioned capacity.",
        size=70,
        obvious=["traffic", "spike", "capacity", "exceed"],
        titles=["{svc} overloaded", "Slow pages on {svc}", "{svc} saturated during peak"],
        templates=[
            "A marketing email campaign sent to {big} users drove {n}x normal traffic to {svc}; autoscaling could not add instances fast enough.",
            "A traffic spike from a viral social media post overwhelmed {svc}; capacity was provisioned for a fraction of that load.",
            "organic traffic spike {n}x, {svc} under-provisioned. scaled out manually.",
            "A TV advert made far more people than usual open the app at the same moment, and {svc} did not have enough servers to serve them all.",
            "Black Friday demand was {pct}% above forecast; {svc} ran out of headroom and latency rose to {n}s.",
            "A large enterprise customer onboarded and began bulk-syncing {big} records per hour, well beyond what {svc} was sized for.",
            "Ticket sales for a popular event opened at {time}; request rate to {svc} rose {n}-fold within a minute and the cluster saturated.",
            "Capacity planning used last year's peak; this year's peak on {svc} was {n}x higher and the database CPU pegged at 100%.",
            "At {time} we saw a sudden increase in requests to {svc} following a mention on a national news site. Autoscaling hit its maximum instance count of {n2} within minutes. Customers saw slow pages and timeouts for {mins} minutes until the maximum was raised and caches warmed.",
            "HPA max replicas for {svc} was reached during the product launch; genuine user load outpaced the cluster.",
            "The seasonal tax-deadline rush pushed usage of {svc} well beyond provisioned throughput; DynamoDB throttled writes.",
            "A new partner integration went live and its {big} devices started polling {svc}, which the fleet had not been sized for.",
            "Not enough instances were provisioned ahead of the scheduled sale, and the autoscaler cooldown left {svc} underscaled for {mins} minutes.",
        ],
    ),
    dict(
        name="retry-storm",
        desc="Self-inflicted load amplification: clients/layers retrying or reconnecting without backoff/jitter kept a dependency overloaded.",
        size=40,
        obvious=["retry", "retries", "retried", "storm"],
        titles=["{svc2} overloaded", "{svc} cascading failures", "Prolonged recovery of {svc}"],
        templates=[
            "After a brief blip in {svc2}, clients of {svc} retried immediately without backoff, multiplying load {n}x and preventing recovery.",
            "Retry storm: three layers (client, gateway and {svc}) each retried 3 times, turning a small error rate into 27x amplification on {svc2}.",
            "retry storm against {svc2} after failover. no jitter on client retries.",
            "When {svc2} hiccuped, every caller kept hammering it again and again straight away, so it never got the breathing room to come back.",
            "Mobile apps re-sent failed requests in a tight loop; when {svc} slowed down the extra resends kept it overloaded for {mins} minutes.",
            "Exponential backoff was disabled by a library default change in {ver}; {svc} workers reattempted failed calls to {svc2} every 10ms.",
            "Queue consumers in {svc} nacked failing messages and they were redelivered instantly, generating {big} deliveries per minute against {svc2}.",
            "Thundering herd of reconnects: when the websocket gateway restarted, {big} clients reconnected at the same instant with no jitter and knocked it over again.",
            "The client SDK retried on 503 with no retry budget; a brief {svc} overload became a sustained outage as retry volume exceeded the original traffic.",
            "A {n}-second network blip at {time} caused some calls from {svc} to {svc2} to fail. Each failure was retried five times by the HTTP client and again by the job runner, so request volume to {svc2} jumped {n2}x. {svc2} then stayed overloaded long after the blip ended. Adding jitter, capped backoff and a circuit breaker fixed it.",
            "Metastable failure: timeouts on {svc2} triggered retries which caused more timeouts. There was no circuit breaker.",
            "Retry amplification between {svc} and {svc2}; each service retried the other's failures.",
            "Every failed call to {svc2} was immediately attempted again by {svc}, and again by the gateway in front of it, so a small dip turned into a flood of duplicate calls that lasted {mins} minutes.",
        ],
    ),
    dict(
        name="cache-stampede",
        desc="A cache went cold or hot keys expired together, so many requests simultaneously fell through to the backing store.",
        size=32,
        obvious=["cache", "stampede"],
        titles=["{db} CPU pegged", "{svc} latency spike", "Database overload behind {svc}"],
        templates=[
            "Cache stampede: a popular key in Redis expired and several hundred concurrent requests all missed and queried {db} at once.",
            "The Redis cluster for {svc} was flushed during maintenance; with a cold cache every request hit the database, which saturated.",
            "memcached restart -> cold cache -> {db} overload.",
            "A frequently read value stopped being stored in the fast lookup layer at the same moment for everyone, so thousands of requests went straight to the main database together.",
            "All TTLs on the product listings were set to exactly {mins} minutes, so they lapsed simultaneously and every {svc} instance recomputed them against {db} at the same moment.",
            "Memcached nodes for {svc} were replaced during an instance refresh and came back empty; the hit ratio dropped from about 95% to near zero and Postgres CPU pegged.",
            "Dogpile effect on the homepage aggregation: when the entry lapsed, {n2} app servers regenerated it simultaneously.",
            "The cache key format changed in {ver}, invalidating every cached entry at deploy time; the origin took full load.",
            "A CDN purge of all objects for {domain} sent every request back to origin {svc}, which could not handle uncached load.",
            "At {time}, shortly after the hourly cache refresh, {db} CPU jumped to 100% and {svc} latency spiked. The refresh job deleted keys before repopulating them, so for several seconds every request missed the cache and ran the expensive aggregate query. We switched to refresh-ahead with request coalescing.",
            "No request coalescing on cache misses in {svc}: an expired hot key caused {big} identical DB queries within a second.",
            "The Redis eviction policy evicted the session cache under pressure; the resulting miss rate overloaded the auth DB.",
            "In-process lookup tables on all {n2} pods were invalidated by a broadcast at the same time, producing a synchronized wave of backend reads.",
        ],
    ),
    # ------------------------------------------------------------------ external
    dict(
        name="upstream-outage",
        desc="An external third-party service/SaaS/vendor our system depends on was down or degraded on their side.",
        size=72,
        obvious=["third", "party", "provider", "outage", "vendor"],
        titles=["{vendor} incident impacting {svc}", "{svc} degraded (external)", "Payment failures"],
        templates=[
            "{vendor} (payment processor) had a full outage for {mins} minutes; {svc} could not authorize cards.",
            "Third-party SMS provider {vendor} was down; one-time login codes were not delivered.",
            "{vendor} outage. nothing on our side. {svc} degraded.",
            "The company we pay to send our emails stopped working for an hour, so {svc} could not send password reset messages.",
            "{vendor}'s API returned 502 for all requests during their incident (their status page confirmed); {svc} has no fallback.",
            "External geocoding service {vendor} went dark in their {region} region; address validation in {svc} failed.",
            "Our identity platform supplier {vendor} suffered a global incident; SSO logins to {svc} failed for {mins} minutes.",
            "Upstream dependency {vendor} had degraded performance with p99 latency over {n}s, causing checkout timeouts in {svc}.",
            "Hosted search SaaS {vendor} lost an index cluster on their side; {svc} search returned errors.",
            "At {time} our monitoring showed {pct}% of shipping-rate lookups failing. {vendor}, the carrier rates API, acknowledged an incident on their status page {mins} minutes later. We had no cached fallback for rates, so checkout was blocked for some customers until {vendor} recovered.",
            "A GitHub outage blocked all deploys and CI for {svc} for {hours} hours.",
            "The external fraud scoring API from {vendor} was unavailable; {svc} failed closed and rejected orders.",
            "Failure inside {vendor} (a database incident of theirs); no change on our side, we waited for them to recover.",
        ],
    ),
    dict(
        name="upstream-rate-limit",
        desc="We exceeded an external API's rate limit or usage quota and were throttled/rejected (the provider itself was healthy).",
        size=28,
        obvious=["rate", "limit", "quota", "vendor"],
        titles=["429s from {vendor}", "{svc} integration errors", "{vendor} calls rejected"],
        templates=[
            "{vendor} began returning HTTP 429 to {svc} after we exceeded our plan's request quota during a backfill.",
            "The daily API quota on the {vendor} account was consumed by mid-morning because a new feature called it on every page view.",
            "429s from {vendor}, hit rate limit. backfill job not throttled.",
            "We used up the number of calls our contract with {vendor} allows per day, so for the rest of the day they refused our requests.",
            "The Google Maps API daily cap was reached at {time}; {svc} lost map rendering until the counter reset.",
            "{vendor} throttled our account to {n} req/s after the {cron} job sent bursts; subsequent calls from {svc} were rejected with Too Many Requests.",
            "GitHub API secondary rate limits were hit by the CI bot; pipelines for {svc} failed.",
            "AWS API throttling (RequestLimitExceeded) on DescribeInstances calls from our autoscaler tool prevented scale-out of {svc}.",
            "Slack rejected alert webhooks with 429 because the alerting pipeline sent one message per event during the flood.",
            "At {time} the {svc} integration with {vendor} started failing with 'quota exceeded'. A new nightly reconciliation job fetched every customer's record individually, consuming the monthly allowance in {days} days. We paused the job and asked {vendor} for a temporary increase.",
            "Our usage tier with {vendor} allows {n2} calls per minute; a product change doubled calls per checkout and we ran into that ceiling at peak.",
            "Shared {vendor} API keys between staging and production meant a staging load test burned production's allowance.",
            "Docker Hub pull rate limit reached on CI and cluster nodes; {svc} pods stuck in ImagePullBackOff.",
        ],
    ),
    # ------------------------------------------------------------------ network
    dict(
        name="dns-failure",
        desc="Name resolution failed or returned stale/wrong answers (resolver overload/crash, caching, search-domain amplification).",
        size=42,
        obvious=["dns", "resolution", "resolve", "failure"],
        titles=["{svc} cannot reach {svc2}", "UnknownHost errors in {svc}", "Intermittent lookup failures"],
        templates=[
            "DNS resolution failures for internal names after the CoreDNS pods were CPU-throttled; {svc} could not reach {svc2}.",
            "NXDOMAIN for {svc2}.internal from {svc} pods. coredns overloaded.",
            "The internal phone book that turns service names into addresses stopped answering, so {svc} could not find {svc2}.",
            "conntrack races on UDP port 53 on the cluster nodes caused 5-second lookup delays for {svc}.",
            "ndots:5 in the pod resolv.conf made each external hostname get tried against {n} search domains first, overwhelming kube-dns.",
            "The upstream resolvers in the datacenter stopped answering queries; {svc} logged 'Temporary failure in name resolution'.",
            "Stale DNS: the {svc} JVM cached the old IP of {db} indefinitely (networkaddress.cache.ttl=-1) after the endpoint moved.",
            "Name lookups from {svc} to {svc2}.svc.cluster.local returned SERVFAIL intermittently because the node-local caching daemon kept crashing.",
            "From {time}, {pct}% of outbound calls from {svc} failed with UnknownHostException. CoreDNS was saturated by a misbehaving job that looked up the same hostname in a tight loop. We added CoreDNS replicas and fixed the job.",
            "Negative caching of an NXDOMAIN answer for {svc2} during a brief record gap kept {svc} failing for the {mins}-minute negative TTL.",
            "systemd-resolved on {host} wedged; every hostname lookup from {svc} hung until it was restarted.",
            "A 24h DNS TTL on {domain} meant that after the load balancer moved, clients kept connecting to the old IPs for a day.",
            "Hostname lookups from {svc} timed out because the two nameservers listed in /etc/resolv.conf were both unreachable from the new subnet.",
        ],
    ),
    dict(
        name="network-packet-loss",
        desc="Network path degradation or partition (faulty switch/link, routing flap, MTU black-hole) dropped traffic between components.",
        size=48,
        obvious=["network", "partition", "packet", "loss"],
        titles=["{svc} timeouts in {az}", "Cross-zone connectivity issues", "{svc} p99 spike"],
        templates=[
            "Packet loss of {pct}% between {az} and the other zones due to a faulty top-of-rack switch; {svc} timed out talking to {db}.",
            "A network partition between the {region} and {region2} sites isolated {svc} from its database.",
            "pkt loss on the link to {az}, {svc} timeouts. carrier repaired the fibre.",
            "The cable link between two of our data centres was cut by construction work, so servers on either side could not talk to each other.",
            "A flapping BGP session on the transit link withdrew routes every few minutes; calls from {svc} to {svc2} intermittently went nowhere.",
            "An MTU mismatch after the VPN change caused large frames to be silently dropped; TLS handshakes from {svc} hung.",
            "A bad line card in the core router discarded a fraction of frames; TCP retransmits rose and {svc} p99 went to {n}s.",
            "The VPC peering link between {region} and the shared-services VPC went down; {svc} lost access to {svc2}.",
            "Intermittent connectivity between cluster nodes after a Calico route reflector crashed; pod-to-pod traffic was dropped.",
            "At {time}, {svc} in {az} began timing out on calls to {db}. Network graphs showed {pct}% packet loss on one spine switch. The datacenter team later confirmed a degraded device in that fabric. We drained {az} and traffic recovered.",
            "Asymmetric routing after a route table update meant return packets from {svc2} were dropped by the stateful firewall.",
            "A duplex mismatch on the uplink port of the {svc} rack produced heavy frame drops and retransmissions.",
            "Links between the two halves of the cluster went dark for {mins} minutes after a spanning-tree reconvergence, so half the nodes could not see the other half.",
        ],
    ),
    # ------------------------------------------------------------------ concurrency
    dict(
        name="race-condition",
        desc="Unsynchronised concurrent access (check-then-act, lost update, data race) produced wrong or duplicated results.",
        size=36,
        obvious=["race", "condition"],
        titles=["Duplicate processing in {svc}", "Inconsistent data in {svc}", "Double charges reported"],
        templates=[
            "Race condition in {svc}: two workers could claim the same job because the check-then-set on the status column was not atomic; orders were shipped twice.",
            "Concurrent updates to the same account balance in {svc} without row locking caused lost updates.",
            "race in {svc} session refresh -> duplicate tokens issued.",
            "When two requests for the same user arrived at almost the same instant, both read the old value and both wrote, so one change silently disappeared.",
            "A non-atomic read-modify-write on the inventory counter in {svc} let {n} units be oversold during the flash sale.",
            "Unsynchronized access to a shared HashMap in {svc} {ver} corrupted it under concurrency; threads spun in an infinite loop.",
            "TOCTOU bug: {svc} checked that a file existed and then opened it, but the cleanup job deleted it in between.",
            "Data race on the reload path in {svc}: requests could observe a half-updated routing table.",
            "The idempotency key check and insert were separate statements in {svc}; simultaneous duplicate submissions both passed the check and created duplicate payments.",
            "Support reported duplicate welcome emails at {time}. {svc} runs {n} replicas and each one polled the outbox table, selected unsent rows and only marked them sent in a later statement. Under load, two replicas picked up the same rows in that window. We switched to SELECT ... FOR UPDATE SKIP LOCKED.",
            "The ordering between the cache write and the DB commit was not guaranteed; readers in {svc} occasionally cached a stale value.",
            "Goroutines in {svc} appended to the same slice without a mutex, intermittently dropping entries.",
            "Timing-dependent defect in {svc}: if the callback from {svc2} arrived before the record was committed, the callback was discarded.",
        ],
    ),
    dict(
        name="deadlock",
        desc="Two or more actors each held a lock/resource and waited for the other's (circular wait), so progress stopped or transactions aborted.",
        size=24,
        obvious=["deadlock", "lock"],
        titles=["{svc} hung", "{svc} stopped processing", "Transaction aborts on {table}"],
        templates=[
            "Database deadlocks between the {cron} job and the {svc} request path, which updated {table} and {table2} in opposite order.",
            "Java deadlock in {svc}: thread A held the cache lock and waited on the pool lock, thread B the reverse; all request threads hung.",
            "deadlock in {svc} after {ver}, lock ordering. jstack confirmed.",
            "Two parts of {svc} each grabbed one shared resource and then waited forever for the other's, so everything stopped and nothing progressed.",
            "Circular wait between two mutexes in the connection manager of {svc}; the process stopped responding but stayed alive, so health checks did not restart it.",
            "Postgres reported 'deadlock detected' on {pct}% of batch updates touching {table}; those transactions were rolled back.",
            "Two services each held a distributed mutex in etcd and waited for the other's; all order processing froze for {mins} minutes.",
            "A re-entrant call under a non-reentrant mutex in {svc} {ver} made the worker block on itself forever.",
            "InnoDB deadlocks spiked after an index change made two transactions acquire gap locks in a different order.",
            "At {time} {svc} stopped processing requests while CPU dropped to zero. A thread dump showed two threads each waiting on a monitor the other held: the metrics reporter and the settings reloader. The defect had been latent since {ver} and triggered when a reload coincided with a metrics flush. We restarted and fixed the lock order.",
            "Lock ordering violation between the users and accounts tables in {svc} caused Postgres to abort transactions.",
            "All of {svc}'s workers hung: the shutdown hook waited for the workers, and the workers waited for a signal from the shutdown hook.",
            "Transaction one in {svc} held {table} and wanted {table2}; transaction two held {table2} and wanted {table}; neither could proceed until the engine killed one.",
        ],
    ),
    # ------------------------------------------------------------------ time
    dict(
        name="clock-skew",
        desc="A host's system time drifted from true time (NTP/chrony broken, VM resume, RTC) and time-sensitive checks failed.",
        size=25,
        obvious=["clock", "skew"],
        titles=["Token validation failures", "Auth errors from {host}", "Intermittent 401s on {svc}"],
        templates=[
            "Clock skew of {secs} seconds on {host} after the NTP daemon stopped; JWTs issued there were rejected as not yet valid.",
            "An NTP misconfiguration left {host} {mins} minutes behind; Kerberos auth failed with 'Clock skew too great'.",
            "ntp drift on {host} ({secs}s). token validation failures.",
            "One server's idea of the current time had drifted several minutes from the others, so signed requests it made looked expired to {svc2}.",
            "chronyd had lost its upstream time sources and {host} drifted {secs}s; Cassandra writes from it carried old timestamps and were silently discarded by last-write-wins.",
            "The VM resumed after a live migration with its time {secs} seconds off; S3 requests signed by {svc} were rejected with RequestTimeTooSkewed.",
            "Time drift between the {svc} hosts scrambled event ordering and leader election timed out.",
            "A leap-second smear mismatch between two time sources put half of the fleet {n}00 ms apart, confusing the lease logic in {svc}.",
            "Hypervisor time sync was disabled on {host}, whose system time then ran {mins} minutes fast; TOTP codes from users were rejected.",
            "Starting at {time} a fraction of logins failed with 'token used before issued'. The failures all involved tokens signed by {host}. Its NTP service had been disabled by a hardening script {days} days earlier and the clock had crept ahead by {secs} seconds. Re-enabling NTP fixed it.",
            "Clock drift on a Kafka broker stamped messages in the future, and retention deleted segments early.",
            "Host {host} had a dead RTC battery; after a reboot its system time was back in 2019 and every outbound TLS handshake failed.",
            "Hosts in {az} showed a {secs}s offset from UTC after the time server they pointed at was decommissioned.",
        ],
    ),
    dict(
        name="timezone-dst-bug",
        desc="Calendar/date logic error: daylight-saving transitions, time zones, leap days, week-year, month arithmetic.",
        size=30,
        obvious=["daylight", "saving", "time", "bug", "dst", "timezone"],
        titles=["Scheduled run anomaly in {svc}", "Wrong dates in {svc} reports", "Missed reminders"],
        templates=[
            "DST transition bug: the {cron} job was scheduled in local time and ran twice when the clocks went back, double-billing {big} customers.",
            "{svc} computed 'end of day' in the server's local time rather than the customer's timezone; reports were off by one day for APAC customers.",
            "DST switch, cron skipped its 02:30 run. no invoices sent.",
            "When the country moved its hours forward in spring, a scheduled job set for 2:30am never happened because that moment did not exist that night.",
            "Leap day: 29 February was not handled by the expiry-date calculation in {svc}; subscriptions renewing that day failed validation.",
            "Year-end rollover: the formatter used YYYY (ISO week-year) instead of yyyy, so dates in the last days of December showed the following year.",
            "Date parsing in {svc} assumed a fixed offset for strings without one, shifting all Brazilian appointments after the country abolished summer hours.",
            "The tzdata in the {svc} image was outdated and missed a government rule change, so times for Mexico were an hour off.",
            "Hourly aggregation in {svc} keyed buckets by local wall-clock time; the repeated hour in autumn merged two hours of data.",
            "On the morning of the spring DST change, customers in Europe reported missed reminders. {svc} stored reminder times as naive local datetimes and converted them at send time with a fixed UTC offset captured at creation. All reminders created before the change fired an hour late. We migrated to storing UTC plus the IANA zone.",
            "Month arithmetic in {svc} added 30 days instead of one calendar month, so renewals drifted and some landed on the wrong day.",
            "Session expiry was calculated with a hard-coded +01:00 offset, which broke when the offset moved to +02:00 for summer.",
            "The report cutoff used midnight in the server's local time zone, which moved when the servers were relocated to {region}.",
        ],
    ),
    # ------------------------------------------------------------------ database
    dict(
        name="schema-migration-lock",
        desc="A DDL/schema migration took a long exclusive (metadata) lock or rewrote a table, blocking application reads/writes.",
        size=34,
        obvious=["database", "schema", "migration", "lock", "table"],
        titles=["{svc} writes blocked during deploy", "{table} unavailable", "{svc} outage during rollout"],
        templates=[
            "ALTER TABLE adding a column with a default on {table} ({big} rows) held an ACCESS EXCLUSIVE lock for {mins} minutes; {svc} writes were blocked.",
            "The schema migration in {svc} {ver} created an index without CONCURRENTLY, locking {table} during peak.",
            "migration locked {table}, all writes queued. killed it.",
            "A change to the structure of the orders data ran during business hours and stopped anyone else from reading or writing it until it finished.",
            "The deploy's DDL step rewrote {table} in place; while it ran, every statement from {svc} against it waited and requests piled up.",
            "The gh-ost cutover for {table} stalled waiting on a long-running transaction, blocking all queries behind the metadata lock.",
            "Adding a NOT NULL constraint on {table} forced a full scan while holding an exclusive lock.",
            "A Liquibase changeset altered a column type on the {big}-row {table}, rewriting it and blocking DML for {mins} minutes.",
            "The {ver} rollout of {svc} ran its DDL at {time}. The ALTER queued behind an analytics query that had been open for an hour, and every subsequent query on {table} queued behind the ALTER. Within {mins} minutes all app threads were blocked. We cancelled the ALTER and now set lock_timeout for migrations.",
            "MySQL metadata lock: an ALTER on {table} waited on an idle open transaction and blocked all reads.",
            "A foreign key added to {table} validated every existing row inside one long-held exclusive lock.",
            "A structural change to {table} was applied without an online tool; it froze writes from {svc} for the {mins} minutes it took to copy {big} rows.",
            "Pre-deploy DDL on {table} needed an exclusive grip on the relation, and while it sat waiting every normal read and write lined up behind it.",
        ],
    ),
    dict(
        name="slow-query",
        desc="An inefficient query (missing/dropped index, bad plan, N+1, unbounded scan) overloaded the database.",
        size=66,
        obvious=["slow", "query", "missing", "index"],
        titles=["{db} CPU 100%", "{svc} slow responses", "{svc} p99 > {n}s"],
        templates=[
            "A new endpoint in {svc} queried {table} by email without an index; sequential scans of {big} rows saturated the DB CPU.",
            "The Postgres planner switched to a nested loop after statistics on {table} went stale; the query went from 20ms to {n}s.",
            "missing index on {table}.customer_id. full table scans, db cpu 100%.",
            "A new search page asked the database to look through every single record to find matches, and with millions of rows that took so long that everything else backed up.",
            "After ANALYZE did not run following a bulk load, the optimizer picked a bad plan for the report join; {db} CPU pinned and {svc} timed out.",
            "The ORM generated an N+1 pattern in {svc} {ver}, issuing thousands of statements per page load against {db}.",
            "An index was dropped in cleanup PR {pr} on the belief it was unused; monthly billing queries took {n} minutes.",
            "LIKE '%term%' lookups on {table} in {svc} could not use any B-tree and scanned the whole relation on each request.",
            "At {time} {db} CPU went to 100% and {svc} p99 exceeded {n}s. pg_stat_statements showed one statement from a newly released admin report consuming {pct}% of DB time with a sequential scan on {table}. We added a composite index concurrently and load dropped immediately.",
            "Query plan regression after upgrading Postgres: a generic plan chosen for a prepared statement scanned all of {table}.",
            "An unbounded SELECT without LIMIT in the export endpoint of {svc} pulled {big} rows per call.",
            "The Mongo collection {table} lacked a compound index for the new sort order; COLLSCAN on every page view.",
            "A leading-wildcard search from the new filter UI made the search cluster scan every document, pinning its CPU and stalling {svc}.",
        ],
    ),
    dict(
        name="replication-lag",
        desc="A replica/follower/secondary or CDC/mirror stream fell behind its source, so reads were stale or data was out of date.",
        size=30,
        obvious=["replication", "replica", "lag"],
        titles=["Stale reads in {svc}", "Users see old data", "{db} lag alert"],
        templates=[
            "The read replica of {db} lagged {mins} minutes behind the primary during a large batch update; {svc} served stale balances.",
            "Replication lag on the MySQL replicas after a long-running write on the primary was replayed single-threaded; users saw missing orders.",
            "replica lag {secs}s on {db}, read-after-write broken in {svc}.",
            "The copy of the database that {svc} reads from fell far behind the main one, so customers who had just paid still saw their invoice as unpaid.",
            "The secondary for {db} fell {mins} minutes behind the primary while applying a huge delete; reads routed there returned out-of-date data.",
            "The follower in {region2} trailed the leader by {secs} seconds after a bandwidth cap on the cross-region link; reads served there were stale.",
            "Kafka MirrorMaker fell hours behind, so consumers in {region2} processed outdated events.",
            "WAL apply on standby {host} could not keep up with write volume during the {cron} backfill; standby delay reached {mins} minutes.",
            "The search index fed from the CDC stream fell {hours}h behind because of a Debezium connector backlog.",
            "Customers reported that profile edits 'disappeared' after saving at {time}. {svc} writes to the primary but reads from replicas, and replica lag had grown to {mins} minutes because an analytics query on a replica blocked WAL replay (max_standby_streaming_delay=-1). We cancelled the query and set a finite delay.",
            "The replication lag alarm had been muted; replicas of {db} drifted {hours} hours behind and {svc} reports were wrong.",
            "Postgres hot standby replay was paused by a conflicting long query; the standby was {n} GB of WAL behind.",
            "Reads were routed to a secondary node that had not yet applied the last few minutes of writes, so {svc} showed users data as it was before their change.",
        ],
    ),
    dict(
        name="failover-split-brain",
        desc="High-availability failover misbehaved: it did not happen, demoted a healthy node, or left two active primaries (split brain).",
        size=26,
        obvious=["failover", "split", "brain", "fail"],
        titles=["{db} unavailable for writes", "Divergent data in {db}", "{svc} write outage"],
        templates=[
            "Automatic failover of {db} promoted a replica while the old primary was still accepting writes; the split brain produced divergent data.",
            "Split brain in the Redis Sentinel setup: two masters accepted writes for {mins} minutes after a network blip.",
            "failover didn't trigger, {db} primary dead for {mins}m. patroni misconfigured.",
            "When the main database went down, the standby was supposed to take over automatically but it never did, so {svc} was down until someone promoted it by hand.",
            "Patroni lost its DCS session and demoted the healthy leader, leaving {db} with no writable node for {mins} minutes.",
            "Two nodes of the Elasticsearch cluster each elected themselves master because minimum_master_nodes was 1; documents written to both sides were lost when they merged.",
            "The DR switchover promoted the {region2} standby, but {svc} still had the old writer endpoint cached, so writes went to a read-only node.",
            "Keepalived VRRP: both load balancers claimed the virtual IP after a heartbeat link glitch, causing ARP flapping.",
            "Failover to the secondary region did not work because the secondary had never been tested and was missing secrets.",
            "At {time} the primary {db} host became unresponsive. Our orchestrator detected it but the promotion step failed because the candidate replica was lagging beyond the configured threshold, and nobody was paged about the stalled promotion. The database was unavailable for writes for {mins} minutes until an engineer promoted a replica manually.",
            "ZooKeeper quorum was lost and the Kafka controller election flapped; two controllers believed they were active.",
            "Both members of the HA pair for {svc}'s scheduler became active after a GC pause outlasted the lease, causing duplicate job runs.",
            "The standby never took over the writer role after the leader vanished, because the health probe it relied on was itself down; nothing could write for {mins} minutes.",
        ],
    ),
    # ------------------------------------------------------------------ infra
    dict(
        name="hardware-failure",
        desc="Physical component failure on a host or device (disk drive, DIMM, PSU, NIC, CPU, GPU, RAID controller, cooling).",
        size=44,
        obvious=["hardware", "failure", "fail"],
        titles=["{host} down", "{host} hardware alert", "Node loss on {svc} cluster"],
        templates=[
            "Hardware failure: the RAID controller on {host} died, taking down the {db} primary.",
            "A failing SSD on {host} returned I/O errors; the {svc} data directory became read-only.",
            "bad DIMM on {host}, ECC errors then kernel panic.",
            "One of the physical servers broke (its power supply burned out) and the services running on it went offline.",
            "The NIC on {host} started dropping link every few minutes; datacentre ops replaced it.",
            "EC2 instance {host} was on a degraded underlying host; AWS had scheduled its retirement but it died early.",
            "A drive in {host} developed bad sectors; SMART warnings were ignored until the mount went read-only.",
            "The GPU on inference node {host} fell off the bus (Xid 79); {svc} model serving crashed.",
            "A rack overheated after a cooling unit stopped; its servers throttled and then shut down.",
            "{svc} latency rose at {time} and one node showed frequent machine-check exceptions. Vendor diagnostics confirmed a faulty CPU. The node had not been removed automatically because the health check only tested the HTTP port. We cordoned it and the CPU was replaced.",
            "Memory module errors on {host} corrupted in-flight data in {svc} before the host crashed.",
            "The storage array controller crashed with a firmware fault; all VMs on the array paused.",
            "The power supply of the top-of-rack switch died, isolating the {n2} hosts in rack {rack}.",
        ],
    ),
    dict(
        name="cloud-zone-outage",
        desc="A public cloud provider's zone or region (or a managed regional service) had an incident affecting our resources.",
        size=38,
        obvious=["cloud", "provider", "availability", "zone", "outage", "az"],
        titles=["{region} degradation", "{az} impairment", "{svc} down in {region}"],
        templates=[
            "AWS {az} outage: EC2 and EBS were impaired in that zone; {svc} instances there went unhealthy and the remaining zones lacked capacity.",
            "A cloud provider regional outage in {region} affected load balancers; {svc} was single-region.",
            "{az} impaired (AWS health event). {svc} degraded until traffic shifted.",
            "One of Amazon's data centres in {region} lost power, and the servers we had running there all went offline together.",
            "A GCP {region} control-plane incident prevented creating new VMs and persistent disks; {svc} could not scale.",
            "Azure Storage in {region} had elevated errors for {hours} hours per the Azure status page; {svc} blob reads failed.",
            "A power event in one AWS facility took out {pct}% of our EC2 instances in {region}; EBS volumes were stuck attaching.",
            "Zonal degradation of persistent disks in {az} reported by the cloud provider; {db} I/O latency went to seconds.",
            "{svc} ran all replicas in a single AZ; when {az} had connectivity issues the whole service went down.",
            "At {time} AWS reported increased API error rates and instance connectivity issues in {az}. {svc} had {n} of its {n2} nodes in that zone; the remaining nodes were overloaded by the shifted traffic. We moved the database to another zone and scaled out. AWS resolved the issue after {hours} hours.",
            "The managed Kubernetes control plane in {region} was unavailable due to a provider incident; deployments and autoscaling stalled.",
            "Regional S3 disruption in {region}: PUTs and GETs returned 503 for {hours}h.",
            "Amazon's {region} facilities had an event of their own that made our instances there unreachable; nothing in our stack had changed.",
        ],
    ),
    # ------------------------------------------------------------------ data / ops
    dict(
        name="poison-message",
        desc="A single malformed or unexpected message/event repeatedly crashed or blocked consumers, stalling the queue/partition.",
        size=27,
        obvious=["poison", "message", "crash", "consumer"],
        titles=["{topic} consumer lag", "{svc} consumers crashlooping", "{queue} stuck"],
        templates=[
            "A poison message on {topic} with a malformed payload crashed {svc} consumers repeatedly; the partition stalled for {hours} hours.",
            "The consumer of {queue} threw on an unexpected null field and requeued the message forever, blocking everything behind it.",
            "poison msg in {queue}, consumers crashlooping. moved to DLQ manually.",
            "One badly formed event got stuck at the front of the line; every worker that picked it up fell over, so nothing behind it was ever handled.",
            "A record with a 40MB body from the import tool overflowed the deserializer's buffer on {topic}; every {svc} pod that read it restarted, and the offset never advanced.",
            "No dead-letter queue was configured for {queue}; a single undeliverable job was redelivered indefinitely and starved the workers.",
            "An upstream team emitted events with a new enum value; {svc}'s strict schema decoder rejected them and the stream stopped progressing at offset {big}.",
            "Malformed JSON in a webhook payload from {vendor} entered the ingest pipeline and halted the {svc} stream processor.",
            "An SQS message with an invalid UTF-8 sequence crashed the Lambda on every invocation; the batch kept coming back after the visibility timeout and blocked the queue.",
            "At {time} consumer lag on {topic} began climbing. Logs from {svc} showed the same offset being processed, failing with a deserialization exception, and the pod restarting. A producer bug had written one event with a truncated Avro payload. We skipped the offset and added a dead-letter topic.",
            "One tenant's record contained JSON nested 10,000 levels deep; the parser overflowed its stack in every worker that touched it.",
            "A bad event at the head of partition {n} of {topic} left the consumer group stuck.",
            "A single unparseable entry in {topic} was fetched, rejected and fetched again by {svc} in an endless loop, and the partition made no progress for {mins} minutes.",
        ],
    ),
    dict(
        name="operator-error",
        desc="A person ran a manual action against production by mistake (wrong environment/context, destructive command, hand-run SQL).",
        size=55,
        obvious=["human", "error", "manual", "command", "operator"],
        titles=["Data loss in {table}", "{svc} unexpectedly down", "Accidental change to production"],
        templates=[
            "An engineer ran a cleanup script intended for staging against production, deleting {big} rows from {table}.",
            "Operator typo during maintenance: rm -rf on the wrong mount on {host}.",
            "human error: kubectl delete namespace run against the prod context.",
            "Someone on the team thought they were logged in to the test environment and wiped the live customer list.",
            "During a maintenance window an on-call engineer drained the wrong node group, evicting all {svc} pods at once.",
            "A DBA truncated {table} in production believing the session was connected to the reporting copy.",
            "An engineer restarted all {svc} instances simultaneously by hand instead of rolling them, causing a {mins}-minute outage.",
            "{svc} was manually scaled to 0 replicas during an investigation and nobody scaled it back at the end of the shift.",
            "An ad-hoc UPDATE without a WHERE clause ran in a production psql session, resetting the plans of {big} users.",
            "At {time} an engineer investigating a stuck job ran terraform destroy in a workspace they thought was a sandbox. It removed the {svc} load balancer and target groups. Alerts fired within {mins} minutes; recreating the resources took {hours} hours. We now require separate credentials and confirmation for production.",
            "Wrong kube context: an engineer scaled the production {svc} deployment to zero while testing.",
            "A copy-paste mistake in a hand-run SQL statement flagged {big} accounts as closed.",
            "A teammate pasted a cleanup one-liner into the wrong terminal tab, the one attached to the live {db} host, and it removed today's data files.",
        ],
    ),
    dict(
        name="batch-job-contention",
        desc="A scheduled/batch/background workload competed with production for shared CPU, IO or bandwidth (noisy neighbour).",
        size=33,
        obvious=["batch", "job", "resource", "contention"],
        titles=["{svc} latency during business hours", "{db} IO saturation", "Recurring slowdown on {svc}"],
        templates=[
            "The nightly batch job {cron} was moved to 09:00 UTC and competed with peak traffic for {db} IO; {svc} latency tripled.",
            "Noisy neighbour: a reporting batch job on the shared cluster consumed all CPU, starving {svc} pods on the same nodes.",
            "{cron} backup saturating IO on {db}, {svc} timeouts.",
            "The end-of-month billing run used up all the processing power on the shared servers, so the website that shares those servers became sluggish.",
            "The weekly analytics export ran against the primary instead of a replica and saturated {db} disk throughput during business hours.",
            "A data science notebook pulled {big} rows from {db} during peak and pinned its CPU; {svc} queries queued.",
            "The backup of {db} took longer as data grew and overran into the morning peak, saturating disk IO.",
            "A Spark ETL on the shared YARN cluster grabbed all executors, so the real-time {svc} pipeline got none.",
            "A reindex task on the search cluster ran concurrently with live traffic and pushed {svc} search latency to {n}s.",
            "Every Monday at 08:00 {svc} latency spiked. We traced it to the weekly {cron} reconciliation, which someone had rescheduled from 02:00 so results would be ready earlier. It performs full scans on {db} and saturated its IOPS while customer traffic was ramping up. We moved it back to night hours and throttled it.",
            "A co-located cron on {host} consumed the host's network bandwidth uploading archives, starving {svc} on the same host.",
            "Pods of the {cron} job had no CPU limits and were scheduled onto the same nodes as {svc}, which was then CPU-throttled.",
            "The overnight archive export started late and overlapped with the morning rush; it hogged the storage bandwidth that {svc} shares with it.",
        ],
    ),
]

NONE_TEXTS = [
    "Under investigation.",
    "Root cause not yet determined; see ticket.",
    "This incident has been resolved.",
    "TBD",
    "Pending postmortem.",
    "Recovered on its own after {mins} minutes; cause not identified.",
    "RCA to follow.",
    "See postmortem doc (link in ticket).",
    "Investigation ongoing with the owning team.",
    "Mitigated. Root cause analysis in progress.",
    "Duplicate of an earlier incident; closing.",
    "Alert auto-resolved. No cause recorded.",
    "Unknown.",
    "N/A",
    "Issue no longer reproducible; closing without RCA.",
    "Resolved. Details to be added by the incident commander.",
    "Still gathering data from the {svc} owners.",
]

GENERIC_TITLES = [
    "Elevated 5xx on {svc}",
    "{svc} latency degradation",
    "{svc} partially unavailable",
    "{svc} outage",
    "Errors in {svc}",
    "Degraded {svc}",
    "{svc}: increased error rate",
    "Customer-facing errors from {svc}",
    "{svc} p99 latency alert",
    "Failed requests to {svc}",
    "{svc} down in {region}",
    "Intermittent failures on {svc}",
]

BOILERPLATE = [
    "Customers saw errors for {mins} minutes.",
    "We will publish a full postmortem.",
    "Follow-up actions are tracked in the incident ticket.",
    "Impact was limited to a subset of users.",
    "The status page was updated throughout.",
    "No data was lost.",
    "Action items have been assigned to the owning team.",
    "See the incident channel for the full timeline.",
]

# New free-text descriptions for the "find similar past incidents" test.
# Written separately from the templates above; make_blind.py checks they are not copies.
QUERIES = [
    ("Writes started failing with ENOSPC on the logging host because rotated logs were never purged.", "disk-full"),
    ("Plenty of free gigabytes left, yet the filesystem refused to create any new files; millions of little cache files.", "inode-exhaustion"),
    ("The service's resident memory kept growing hour after hour until the container was killed; the heap dump showed objects retained by an event listener.", "memory-leak"),
    ("Pods were killed right at startup because the configured memory cap was smaller than what the app needs to load its data.", "memory-limit-too-low"),
    ("Requests hung waiting to get a database connection because one long transaction held them all.", "db-connection-pool-exhaustion"),
    ("Every request-handling worker was blocked on a downstream HTTP call with no timeout, so the server stopped responding.", "thread-pool-exhaustion"),
    ("Inserts began to fail once the auto-increment primary key passed the max value of a 32-bit column.", "integer-id-overflow"),
    ("Partner integrations broke with handshake errors because our HTTPS certificate lapsed and auto-renew was broken.", "tls-cert-expiry"),
    ("The service account password hit its rotation deadline and logins to the warehouse were refused.", "credential-expiry"),
    ("A settings push pointed the app at the wrong upstream hostname and everything returned 502.", "bad-config-change"),
    ("New release had a null dereference in the order summary code; we rolled back to the previous build.", "code-regression"),
    ("A celebrity tweet sent ten times the normal number of visitors and the autoscaling group maxed out.", "traffic-surge"),
    ("Clients kept resending failed calls instantly with no backoff, so the backend never recovered after a short blip.", "retry-storm"),
    ("A hot key expired and hundreds of app servers recomputed it against the database simultaneously.", "cache-stampede"),
    ("Our payments processor had an incident on their side and card authorisations failed for forty minutes.", "upstream-outage"),
    ("The maps vendor started answering 429 after our backfill consumed the daily allowance.", "upstream-rate-limit"),
    ("Pods could not look up internal hostnames because the cluster's nameserver pods were overloaded.", "dns-failure"),
    ("A faulty switch dropped a portion of frames between two zones, causing timeouts to the database.", "network-packet-loss"),
    ("Two workers picked up the same job because reading and updating its status were separate steps.", "race-condition"),
    ("Two transactions updated rows in opposite order and blocked each other until the database aborted one of them.", "deadlock"),
    ("One host's time was several minutes ahead because its time sync daemon was off, so tokens it signed were rejected.", "clock-skew"),
    ("The scheduled report ran twice on the night the clocks went back.", "timezone-dst-bug"),
    ("Adding a column to a huge table took an exclusive lock during peak hours and writes queued up.", "schema-migration-lock"),
    ("A new admin page did full scans of a big table because no suitable index existed.", "slow-query"),
    ("Users saw outdated data right after saving because reads went to a follower that was minutes behind.", "replication-lag"),
    ("The primary crashed and automatic promotion never kicked in, so nothing could write for half an hour until on-call stepped in.", "failover-split-brain"),
    ("A physical server's power supply died and took the database primary down with it.", "hardware-failure"),
    ("AWS had a zonal event and our instances in that zone became unreachable.", "cloud-zone-outage"),
    ("One malformed event kept crashing every consumer that read it and the partition stopped advancing.", "poison-message"),
    ("A teammate wiped a live table with a purge script, believing their shell was attached to the test box.", "operator-error"),
    ("The month-end billing run saturated shared database IO during business hours.", "batch-job-contention"),
    ("The log directory on the broker grew until the volume had no free bytes left.", "disk-full"),
    ("Gradual growth in process size over several days after a release, finally OOM.", "memory-leak"),
    ("The executor rejected new tasks because every worker thread was busy waiting.", "thread-pool-exhaustion"),
    ("The API token for our SMS vendor reached its end date and every send got a 401.", "credential-expiry"),
    ("Two simultaneous withdrawals both read the old balance and one of the debits vanished.", "race-condition"),
    ("The summer time change shifted reminder notifications by an hour.", "timezone-dst-bug"),
    ("Retries from three separate layers multiplied load on the auth service during a brief outage.", "retry-storm"),
    ("Organic demand during a product launch went past what the fleet was provisioned for.", "traffic-surge"),
    ("A wrong timeout value in a deployment values file made all downstream calls time out.", "bad-config-change"),
]

# ====================================================================== generator
import csv
import json
import os
import random
import re
from datetime import datetime, timedelta, timezone

SEED = 20240607
HERE = os.path.dirname(os.path.abspath(__file__))
NONE_FRACTION = 0.05
NOISE_FRACTION = 0.10

# ~40 invented services, each owned by one of 10 invented teams
TEAMS = {
    "payments-core": ["payment-gateway", "ledger-writer", "fraud-scorer", "invoice-builder"],
    "checkout-crew": ["checkout-api", "cart-service", "pricing-engine", "loyalty-points"],
    "identity-guild": ["auth-service", "identity-broker", "user-profile", "tenant-manager"],
    "fulfilment-ops": ["order-router", "shipment-tracker", "inventory-sync", "geo-lookup"],
    "messaging-squad": ["notification-hub", "email-sender", "sms-dispatcher", "webhook-relay"],
    "discovery-team": ["search-indexer", "catalog-api", "feed-ranker", "recommendation-api"],
    "data-foundry": ["analytics-ingest", "report-generator", "event-router", "metrics-gateway"],
    "platform-rocks": ["upload-service", "media-resizer", "document-store", "audit-logger"],
    "mobile-web": ["mobile-bff", "web-frontend", "admin-console", "partner-api"],
    "revenue-ops": ["billing-scheduler", "subscription-manager", "chat-gateway", "coupon-service"],
}
SERVICE_TEAM = {s: t for t, ss in TEAMS.items() for s in ss}
SERVICES = sorted(SERVICE_TEAM)

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"]
VENDORS = ["Corvana", "Zentrix", "Quillon", "Oxbowly", "Trellisly", "Marrowind",
           "Halcyra", "Stratoflow", "Pellucid", "Brightmoor", "Kestrelio", "Tandemic"]
TABLES = ["orders", "payments", "users", "sessions", "invoices", "line_items", "events",
          "audit_log", "subscriptions", "shipments", "accounts", "carts"]
TOPICS = ["orders.v1", "payments-events", "user-signups", "inventory-updates", "clickstream.raw",
          "billing.usage"]
QUEUES = ["email-outbound", "webhook-dispatch", "thumbnail-jobs", "invoice-render", "sms-send"]
CRONS = ["nightly-reconcile", "invoice-export", "usage-rollup", "report-builder",
         "search-reindex", "ledger-close", "gdpr-purge"]
DBS = ["orders-db", "billing-pg", "users-mysql", "ledger-db", "catalog-pg", "events-pg"]
MOUNTS = ["/var/lib/postgresql", "/var/log", "/data", "/mnt/kafka-logs", "/var/lib/docker", "/srv/app"]
DOMAINS = ["api.lumora.io", "checkout.lumora.io", "partners.lumora.io", "www.lumora.io",
           "hooks.lumora.io", "auth.lumora.io"]
HOST_ROLES = ["db", "web", "app", "kafka", "worker", "redis", "es", "build", "ingest"]

START = datetime(2023, 1, 1, tzinfo=timezone.utc)
END = datetime(2025, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


def _ver(r, c):
    return "v%d.%d.%d" % (r.randint(1, 9), r.randint(0, 40), r.randint(1, 20))


def _prev_ver(r, c):
    v = c.get("ver") or fill_slot("ver", r, c)
    maj, mi, pa = v[1:].split(".")
    return "v%s.%s.%d" % (maj, mi, int(pa) - 1)


def _host(r, c):
    k = r.random()
    if k < 0.5:
        return "%s-prod-%02d" % (r.choice(HOST_ROLES), r.randint(1, 48))
    if k < 0.8:
        return "ip-10-%d-%d-%d" % (r.randint(0, 31), r.randint(0, 255), r.randint(2, 254))
    return "%s%d.%s" % (r.choice(HOST_ROLES), r.randint(1, 30), c.get("region") or fill_slot("region", r, c))


def _other(pool, key):
    def f(r, c):
        base = c.get(key) or fill_slot(key, r, c)
        return r.choice([x for x in pool if x != base])
    return f


def _big(r, c):
    return "{:,}".format(r.choice([r.randint(120, 990) * 1000, r.randint(1, 48) * 1000000,
                                    r.randint(12, 99) * 10000]))


SLOTS = {
    "svc": lambda r, c: r.choice(SERVICES),
    "svc2": _other(SERVICES, "svc"),
    "host": _host,
    "node": lambda r, c: "k8s-node-%d" % r.randint(100, 399),
    "n": lambda r, c: str(r.randint(2, 12)),
    "n2": lambda r, c: str(r.randint(16, 64)),
    "maxconn": lambda r, c: str(r.choice([100, 200, 500, 1000, 1500, 5000])),
    "big": _big,
    "pct": lambda r, c: str(r.randint(5, 95)),
    "mins": lambda r, c: str(r.randint(7, 95)),
    "hours": lambda r, c: str(r.randint(2, 14)),
    "days": lambda r, c: str(r.randint(3, 60)),
    "secs": lambda r, c: str(r.choice([r.randint(4, 90), r.randint(100, 900)])),
    "gb": lambda r, c: str(r.randint(40, 900)),
    "limit_mb": lambda r, c: str(r.choice([256, 384, 512, 768, 1024, 1536])),
    "ver": _ver,
    "prev_ver": _prev_ver,
    "pr": lambda r, c: "#%d" % r.randint(1200, 9800),
    "region": lambda r, c: r.choice(REGIONS),
    "region2": _other(REGIONS, "region"),
    "az": lambda r, c: (c.get("region") or fill_slot("region", r, c)) + r.choice("abc"),
    "vendor": lambda r, c: r.choice(VENDORS),
    "table": lambda r, c: r.choice(TABLES),
    "table2": _other(TABLES, "table"),
    "topic": lambda r, c: r.choice(TOPICS),
    "queue": lambda r, c: r.choice(QUEUES),
    "cron": lambda r, c: r.choice(CRONS),
    "db": lambda r, c: r.choice(DBS),
    "mount": lambda r, c: r.choice(MOUNTS),
    "domain": lambda r, c: r.choice(DOMAINS),
    "rack": lambda r, c: "%s%02d" % (r.choice("ABCDEFGH"), r.randint(1, 24)),
    # "time" is pre-seeded from started_at
}

SLOT_RE = re.compile(r"\{(\w+)\}")


def fill_slot(name, r, c):
    if name not in c:
        c[name] = SLOTS[name](r, c)
    return c[name]


def fill(template, r, c):
    return SLOT_RE.sub(lambda m: fill_slot(m.group(1), r, c), template)


# ---------------------------------------------------------------------- noise
ABBREV = [
    (r"\bdatabase\b", "db"), (r"\bconfiguration\b", "cfg"), (r"\bconfig\b", "cfg"),
    (r"\bconnections?\b", "conn"), (r"\bKubernetes\b", "k8s"), (r"\bproduction\b", "prod"),
    (r"\bmemory\b", "mem"), (r"\brequests\b", "reqs"), (r"\bservice\b", "svc"),
    (r"\bminutes\b", "min"), (r"\bbecause\b", "b/c"), (r"\binstances\b", "insts"),
    (r"\bapplication\b", "app"), (r"\benvironment\b", "env"), (r"\bcertificate\b", "cert"),
]


def add_typo(text, r):
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{5,}", text)]
    if not words:
        return text
    s, e = r.choice(words)
    w = text[s:e]
    i = r.randint(1, len(w) - 3)
    if r.random() < 0.5:
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]  # swap adjacent letters
    else:
        w2 = w[:i] + w[i + 1:]  # drop a letter
    return text[:s] + w2 + text[e:]


def add_abbrev(text, r):
    cands = [(p, a) for p, a in ABBREV if re.search(p, text)]
    if not cands:
        return add_typo(text, r)
    p, a = r.choice(cands)
    return re.sub(p, a, text, count=1)


def add_noise(text, r, c):
    kind = r.choice(["typo", "abbrev", "lower", "boiler"])
    if kind == "typo":
        return add_typo(text, r), kind
    if kind == "abbrev":
        return add_abbrev(text, r), kind
    if kind == "lower":
        return text.lower(), kind
    return text.rstrip() + " " + fill(r.choice(BOILERPLATE), r, c), kind


# ---------------------------------------------------------------------- checks
STOP = set("""a an the of to in on at for from by with and or but not no is was were be been
being it its this that these those as into than then so if when while we our they their them
he she his her you your i all any each every one two some had has have do did does after before
up out over under until about there here only just also very""".split())


def content_tokens(text):
    text = SLOT_RE.sub(" ", text)
    return [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in STOP]


def shares_obvious(template, stems):
    return any(t.startswith(s) for t in content_tokens(template) for s in stems)


def check_classes():
    names = [c["name"] for c in CLASSES]
    assert len(names) == len(set(names)), "duplicate class names"
    for c in CLASSES:
        n_t = len(c["templates"])
        assert 12 <= n_t <= 15, (c["name"], n_t)
        assert len(set(c["templates"])) == n_t, c["name"]
        clean = [t for t in c["templates"] if not shares_obvious(t, c["obvious"])]
        assert len(clean) >= 3, (c["name"], len(clean))
        for t in c["templates"] + c["titles"]:
            for s in SLOT_RE.findall(t):
                assert s in SLOTS or s == "time", (c["name"], s)


def jaccard(a, b):
    a, b = set(a), set(b)
    return len(a & b) / max(1, len(a | b))


# ---------------------------------------------------------------------- main
def random_time(r):
    span = int((END - START).total_seconds())
    return START + timedelta(seconds=r.randint(0, span))


# Templates that name a business function get a plausible owning service.
KEYWORD_TEAMS = [
    (r"card|checkout|payment|charged|pric|discount|order|cart|fraud|balance", ["payments-core", "checkout-crew"]),
    (r"SMS|email|webhook|callback|notification|reminder", ["messaging-squad"]),
    (r"login|SSO|token|auth|session|TOTP|password", ["identity-guild"]),
    (r"search|catalogue|catalog|product listing|homepage", ["discovery-team"]),
    (r"shipping|address|geocod|inventory|oversold", ["fulfilment-ops"]),
    (r"invoice|billing|subscription|renewal", ["revenue-ops", "payments-core"]),
    (r"upload|image|thumbnail|model serving|file", ["platform-rocks"]),
    (r"report|analytics|aggregation|ETL|Spark|events", ["data-foundry"]),
    (r"mobile|browser|web app|page", ["mobile-web"]),
]


def pick_service(r, template):
    if r.random() < 0.85:
        for pat, teams in KEYWORD_TEAMS:
            if re.search(pat, template):
                return r.choice([s for t in teams for s in TEAMS[t]])
    return r.choice(SERVICES)


def make_incident(r, cls, template, title_tpl):
    started = random_time(r)
    c = {"time": started.strftime("%H:%M UTC"), "svc": pick_service(r, template)}
    text = fill(template, r, c)
    title = fill(title_tpl, r, c)
    svc = fill_slot("svc", r, c)
    services = [svc]
    if "svc2" in c:
        services.append(c["svc2"])
    elif r.random() < 0.2:
        services.append(fill_slot("svc2", r, c))
    noise = None
    if r.random() < NOISE_FRACTION:
        text, noise = add_noise(text, r, c)
    sev = r.choices(["SEV1", "SEV2", "SEV3"], weights=[15, 35, 50])[0]
    return dict(started_at=started, title=title, severity=sev, services=services,
                team=SERVICE_TEAM[svc], root_cause=text), noise


def main():
    check_classes()
    r = random.Random(SEED)
    rows = []  # (incident dict, class)
    noise_counts = {}
    for cls in CLASSES:
        order = []
        while len(order) < cls["size"]:
            tpls = list(cls["templates"])
            r.shuffle(tpls)
            order.extend(tpls)
        for tpl in order[: cls["size"]]:
            if r.random() < 0.45:
                title_tpl = r.choice(cls["titles"])
            else:
                title_tpl = r.choice(GENERIC_TITLES)
            inc, noise = make_incident(r, cls["name"], tpl, title_tpl)
            noise_counts[noise] = noise_counts.get(noise, 0) + 1
            rows.append((inc, cls["name"]))
    n_classed = len(rows)
    n_none = round(n_classed * NONE_FRACTION / (1 - NONE_FRACTION))
    for _ in range(n_none):
        inc, noise = make_incident(r, "none", r.choice(NONE_TEXTS), r.choice(GENERIC_TITLES))
        noise_counts[noise] = noise_counts.get(noise, 0) + 1
        rows.append((inc, "none"))

    rows.sort(key=lambda x: x[0]["started_at"])
    inc_path = os.path.join(HERE, "incidents.jsonl")
    truth_path = os.path.join(HERE, "truth.csv")
    with open(inc_path, "w", encoding="utf-8", newline="\n") as fi, \
            open(truth_path, "w", encoding="utf-8", newline="") as ft:
        tw = csv.writer(ft, lineterminator="\n")
        tw.writerow(["incident_id", "class"])
        for i, (inc, cls) in enumerate(rows, 1):
            iid = "BL-%04d" % i
            obj = {
                "id": iid,
                "title": inc["title"],
                "started_at": inc["started_at"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                "severity": inc["severity"],
                "services": inc["services"],
                "team": inc["team"],
                "root_cause": inc["root_cause"],
            }
            fi.write(json.dumps(obj, ensure_ascii=False) + "\n")
            tw.writerow([iid, cls])

    # queries: must be labelled with known classes and not be copies of incident text
    known = {c["name"] for c in CLASSES}
    all_tpl_tokens = [content_tokens(t) for c in CLASSES for t in c["templates"]]
    texts = [inc["root_cause"].lower() for inc, _ in rows]
    for q, lab in QUERIES:
        assert lab in known, lab
        ql = q.lower()
        assert not any(ql in t or t in ql for t in texts if len(t) > 20), q
        best = max(jaccard(content_tokens(q), tt) for tt in all_tpl_tokens)
        assert best < 0.4, (q, best)
    with open(os.path.join(HERE, "queries.csv"), "w", encoding="utf-8", newline="") as fq:
        qw = csv.writer(fq, lineterminator="\n")
        qw.writerow(["query", "class"])
        for q, lab in QUERIES:
            qw.writerow([q, lab])

    # summary
    sizes = {}
    for _, cls in rows:
        sizes[cls] = sizes.get(cls, 0) + 1
    print("incidents:", len(rows), "classes (excl. none):", len(CLASSES), "none:", sizes["none"])
    print("noise applied:", {k: v for k, v in noise_counts.items() if k})
    for c in CLASSES:
        print("  %-30s %3d" % (c["name"], sizes[c["name"]]))


if __name__ == "__main__":
    main()
