"""Vocabulary: the words that name protocols, record types, volume types and OSI layers.

This is knowledge of the language people write notes in, not of any notes: it says
that "SSH" names a protocol, never which port SSH uses. Every fact still comes from
the notes.
"""

from __future__ import annotations

import re

# Names of network protocols and of services that listen on a well-known port.
PROTOCOLS = frozenset(
    s.casefold()
    for s in """
    SSH SFTP FTP FTPS TFTP HTTP HTTPS HTTP/2 HTTP/3 RDP SMTP SMTPS POP POP3 POP3S IMAP IMAPS DNS DHCP
    NTP SNMP LDAP LDAPS Kerberos Telnet SMB CIFS NFS NFSv4 iSCSI RTSP RTMP SIP XMPP MQTT AMQP
    GENEVE VXLAN GRE BGP OSPF ICMP IPsec OpenVPN WireGuard Syslog WebSocket WebSockets WS WSS
    MySQL MariaDB PostgreSQL Postgres Oracle MSSQL Aurora Redis Memcached Memcache MongoDB
    Cassandra Elasticsearch OpenSearch Kafka ZooKeeper RabbitMQ etcd Kibana Grafana Prometheus
    Docker Kubelet NetBIOS RPC gRPC VNC X11 SQL Neo4j CouchDB InfluxDB ClickHouse NATS Consul
    Vault Nomad Jenkins Tomcat Squid Git SVN Rsync WinRM LLMNR mDNS SSDP SNTP Radius TACACS
    """.split()
) | frozenset({"sql server", "microsoft sql server", "kubernetes api", "node exporter"})

# Servers and cluster components that listen on a port of their own but are not
# protocols (a load balancer does not "support" Nginx): named in lists of ports.
SERVICES = frozenset(
    s.casefold()
    for s in """
    kube-apiserver kube-scheduler kube-controller-manager kube-proxy CoreDNS Calico Flannel Cilium
    Nginx HAProxy Envoy Traefik Alertmanager Jaeger Zipkin MinIO Splunk Logstash Fluentd
    """.split()
)

# Cloud services named by one word that is no ordinary word: a title "Lambda:" over a
# list names the thing its points are about, as "SQS:" does by its capitals ("Routing:"
# does not, nor "Config:" or "Batch:", which a note about Lambda uses for its own).
SERVICE_WORDS = frozenset(
    s.casefold()
    for s in """
    Lambda Kinesis Aurora Athena Glue Redshift Fargate Beanstalk Cognito Macie Snowball Snowcone Snowmobile
    Outposts Lightsail Neptune Keyspaces Timestream Rekognition Textract Kendra Amplify
    Spanner Bigtable Firestore Dataflow Dataproc
    """.split()
)


# names of a service's parts, not of a service: "PITR keeps 35 days" in notes about
# DynamoDB is still about DynamoDB
FEATURE_WORDS = frozenset(
    """pitr rcu wcu dlq lsi gsi ami eni sg sgs nacl nacls ri ris hc ttl iops arn mfa acl acls cmk cmks
    cli sdk api console fifo rpo rto wal hdd ssd nvme ram cpu gpu url urls""".split()
)

# services named by two words, each an ordinary word ("Direct Connect", "Parameter Store"):
# a sentence that opens with one is about it, not about the service before it
MULTIWORD_SERVICES = frozenset(
    " ".join(s.split()).casefold()
    for s in """Direct Connect|Parameter Store|Secrets Manager|Transit Gateway|Global Accelerator|Step Functions
    |API Gateway|Elastic Beanstalk|Storage Gateway|Control Tower|Security Hub|Systems Manager|Certificate Manager
    |Trusted Advisor|Elastic IP|Elastic IPs|Auto Scaling|Site-to-Site VPN|Client VPN|App Runner|Data Pipeline
    |Snow Family|Cost Explorer|Identity Center|Network Firewall|Firewall Manager|Local Zones""".split("|")
)


# words of the notes' own labels, no names: "KEY:", "Key facts:", "🔥 Hot tip — ...",
# "Must know", "Week 3: ..."
NOTE_LABEL_WORDS = frozenset(
    """faq faqs tldr nb tbd wip asap fyi eli5 imo key also must idea use perf note tip todo exam why how what when
    ha dr sla rto rpo cost demo lab test quiz misc more info plan goal ok yes no new old hot cold aka etc pros cons
    tbc rip lol wtf omg btw ps big quick main important my some other useful handy core top know mnemonic week
    day reminder trick trap memorise memorize rule""".split()
)


def names_a_cloud_service(word: str) -> bool:
    """A word that names a cloud service: capitals or a digit inside it ("SQS", "S3",
    "DynamoDB") or a service's one-word name ("Lambda")."""
    word = word.strip(" :*_")
    if word.casefold() in TAG_META or word.casefold() in AREA_WORDS or word.casefold() in NOTE_LABEL_WORDS:
        return False  # "TODO", "NOTE", "FAQ"
    if word.isupper() and len(word) > 4 and not any(c.isdigit() for c in word):
        return word.casefold() in SERVICE_WORDS  # "ACRONYMS", "LIMITS", "PORTS": a label shouted; "SQS" is a name
    return bool(re.fullmatch(r"[A-Za-z][\w-]*", word)) and (
        sum(c.isupper() for c in word) >= 2 or bool(re.search(r"[A-Za-z]\d", word)) or word.casefold() in SERVICE_WORDS
    )


# Transport protocols: a protocol in their own right, but in "SSH uses TCP port 22" the
# port belongs to SSH, so they are only chosen when nothing else is named.
TRANSPORTS = frozenset({"tcp", "udp", "sctp", "tls", "ssl", "quic", "ip"})

DNS_RECORD_TYPES = (
    "A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "PTR", "SRV", "CAA", "ALIAS", "DNAME",
    "DS", "DNSKEY", "NAPTR", "SPF", "HINFO", "HTTPS", "SVCB", "TLSA", "SSHFP", "RRSIG", "NSEC",
)  # fmt: skip
# Record types that are also ordinary words or protocol names: only read as record
# types where the notes talk about DNS or records.
AMBIGUOUS_RECORD_TYPES = frozenset({"A", "NS", "TXT", "ALIAS", "DS", "HTTPS", "SPF", "SOA"})

# the names of Route 53's routing policies, as notes write them
ROUTING_POLICY = re.compile(
    r"simple|weighted|latency(?:[- ]based)?|fail ?over|geo ?location|geo ?proximity|geoprox|"
    r"multi[- ]?value(?: answer)?|ip[- ]based",
    re.I,
)


def not_a_member(term: str, family: str) -> bool:
    """Whether a term the notes list in a family of known members is known to be none of
    them: "Health Check" or "hosted zone" among routing policies, "Instance store" or
    "FSR" among EBS volume types, "TTL" among DNS record types (a name the notes spell
    their own way, "Fail-over", "Weigthed", "Ponderado", stays a member)."""
    kind = family.casefold()
    if kind.endswith("routing policy"):
        return _NOT_A_POLICY.search(term) is not None and not ROUTING_POLICY.search(term)
    if kind.endswith("volume type"):
        return _NOT_A_VOLUME.search(term) is not None and not EBS_TYPE_PATTERN.search(term)
    if kind.endswith("record type"):
        return _NOT_A_RECORD.search(term) is not None
    return False


# what notes list among routing policies, volume types or record types, and is none
_NOT_A_POLICY = re.compile(
    r"\b(?:health[ -]?checks?|hosted[ -]?zones?|traffic[ -]?flow|alias|ttl|records?|resolver|dnssec)\b", re.I
)
_NOT_A_VOLUME = re.compile(
    r"\b(?:instance[ -]?store|snapshots?|fsr|fast snapshot restore|recycle[ -]?bin|multi-?attach|encryption|"
    r"efs|fsx|archive tier|data lifecycle|dlm|elastic volumes?|delete on termination)\b",
    re.I,
)
_NOT_A_RECORD = re.compile(r"\b(?:ttl|hosted[ -]?zones?|health[ -]?checks?|routing|resolver|dnssec|zone apex)\b", re.I)


# EBS volume type names, longest first so that "io2 Block Express" wins over "io2".
EBS_TYPES = ("io2 Block Express", "gp2", "gp3", "io1", "io2", "st1", "sc1", "standard", "magnetic")
EBS_TYPE_PATTERN = re.compile(
    r"(?<![\w-])(io2[ -]?(?:Block Express|(?-i:BE|BX))|gp[23]|io[12]|st1|sc1)(?![\w-])", re.IGNORECASE
)  # "io2 BE", "io2 BX" are io2 Block Express ("io2 be used for ..." is io2)


def ebs_type_name(written: str) -> str:
    """A volume type as the cards name it: "GP3" -> "gp3", "io2 BE" -> "io2 Block Express"."""
    return written.lower() if len(written) <= 3 else "io2 Block Express"


# Load balancer types by the word that names them ("Application Load Balancer"), with
# their usual abbreviations; "Elastic" names the service that offers them, not a type.
LOAD_BALANCER_WORDS = {"alb": "application", "nlb": "network", "clb": "classic", "gwlb": "gateway", "elb": "elastic"}
LOAD_BALANCER_SERVICE = "elastic"

# OSI layers named by their word.
LAYER_NAMES = {
    "physical": 1,
    "data link": 2,
    "network": 3,
    "transport": 4,
    "session": 5,
    "presentation": 6,
    "application": 7,
}

# Words after which a list's items are members of a family (routing policies, ...).
FAMILY_WORDS = (
    "policy", "policies", "types", "type", "strategies", "strategy", "modes", "mode",
    "classes", "class", "tiers", "tier", "constraints", "options", "methods", "models",
    "plans", "kinds", "levels", "patterns", "pattern",
)  # fmt: skip

# Words that begin a sentence given only as an illustration, not as a rule.
EXAMPLE_MARKERS = re.compile(
    r"(?:\b(?:ex|e\.g|eg|for example|for e\.g|for instance|example|such as|i\.e)\b\s*[.:,]?)",
    re.IGNORECASE,
)

# Company names that often precede a product name's expansion ("Amazon Elastic ...").
VENDOR_WORDS = frozenset({"amazon", "aws", "azure", "microsoft", "google", "gcp", "apache", "oracle"})

STOP_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"})


def is_protocol(word: str) -> bool:
    return word.casefold() in PROTOCOLS or word.casefold() in TRANSPORTS


def is_service(word: str) -> bool:
    """A protocol, or a server or component known to listen on a port of its own."""
    return is_protocol(word) or word.casefold() in SERVICES


# the verbs a step of a procedure starts with: "Go to the console: ...", "Create three VMs"
IMPERATIVE_VERBS = frozenset(
    """go open click select choose navigate enter type configure install run add set enable disable
    launch build deploy attach connect log sign search review register create delete remove update
    download upload copy paste edit save wait check verify test make start stop restart apply""".split()
)


# Words that name an attribute of a thing rather than a thing: "Scope: one AZ", "Max
# discount: 90%" under "## EC2" say EC2's scope and discount.
ATTRIBUTE_WORDS = frozenset(
    """category scope billing pricing price cost costs discount consistency durability availability
    retention timeout size limit limits quota quotas throughput latency capacity performance encryption
    backup backups replication scaling monitoring termination cache caching rotation storage protocol
    protocols port ports type types tier tiers region regions payment model console health check checks""".split()
)
ATTRIBUTE_QUALIFIERS = frozenset("max maximum min minimum default auto automatic typical total".split())


# Spellings of a unit of time, by the short one: "300 seconds" and "300 s" are one value.
UNIT_NAMES = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("mo", "month", "months"), "mo"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "y"),
}


# Units of time in some other languages notes mix in ("15 minit", "4 jours", "24 ore",
# "365 Tage"), by the English unit they stand for: regular-expression alternatives,
# read only just after a figure
FOREIGN_TIME_UNITS = {
    "s": r"segundos?|secondes?|sekunden|seconden|secondi|sekunder|sekund[ay]?|sek|detik",
    "min": r"minutos?|minuten|minuti|minit|menit|minutter|minuter|minut[ay]?|perc",
    "h": r"horas?|heures?|stunden|uur|ore|jam|timer|timmar|hodin[ay]?|óra|std",
    "d": r"d[ií]as?|jours?|tage?n?|dagen|dag|giorni|dias?|hari|dager|dagar|zile|dn[ií]|nap",
    "week": r"semanas?|semaines?|wochen?|weken",
    "mo": r"mes(?:es)?|mois|monate?n?|maanden|mesi",
    "y": r"a[ñn]os?|ans?|jahre?n?|jaar|anni",
}

# "up to", "at most" and "about" before a figure, in some other languages notes mix in
# ("до 15", "最大 7", "bis zu 90 %", "tối đa 72 giờ"): regular-expression alternatives
FOREIGN_LIMIT_WORDS = (
    r"hasta|até|bis(?:\s+zu)?|jusqu'?à|fino\s+a|tot|do|до|až|opptil|inntil|upp\s+till|μέχρι|έως|"
    r"p[aâ]n[aă]\s+la|hingga|sampai|hanggang|maks\.?|макс\.?|максимум|maximaal|maximal|legfeljebb|"
    r"en\s+fazla|tối\s+đa|최대|最大|最多|สูงสุด|"
    r"massimo|máximo|περίπου|aprox\.?|"
    r"environ|circa|cerca\s+de|около|khoảng|약|約|ประมาณ|sekitar|yaklaşık|ungefär|etwa|ongeveer|(?-i:ca)\.?"
)

# a revision log's marks of what was recalled: "forgot: ...", "still confusing: ..."
RECALL_LABELS = (
    "forgot", "forgotten", "remembered", "still confusing", "confusing", "still confused", "confused",
    "mixed up", "got wrong", "got it wrong", "learned", "learnt", "til",
    # a spaced-repetition log's marks: "got: SQS 4 d default", "missed: dedup window 5 min"
    "got", "got it", "missed", "nailed", "knew", "didn't know",
)  # fmt: skip

# "default" as notes say it, in English and some other languages they mix in
# (not the words that also mean "standard", "basic" or "pattern": "standaard", "기본", "padrão")
DEFAULT_WORD = re.compile(
    r"\b(?:by\s+)?default\b|\bdéfaut\b|\bpor\s+defecto\b|\bpredeterminad[oa]\b|\bpor\s+padrão\b|"
    r"\bstandardmäßig\b|\bvoreingestellt\b|\bstandaardwaarde\b|\bpredefinit[oa]\b|\bdomyśln\w*|\bvarsayılan\b|"
    r"\bmặc\s+định\b|기본값|默认|デフォルト|по\s+умолчанию|\bvýchozí\b|\balapértelmezett\b|\boletus\w*",
    re.I,
)

# Words that name a broad area of a syllabus rather than one thing: "## Compute",
# "## Storage & databases", "## Networking". A figure under such a heading is not said
# to be any one thing's.
AREA_WORDS = frozenset(
    """compute computing storage network networks networking database databases db dbs data messaging
    integration serverless security identity monitoring logging management governance analytics migration
    containers application applications app apps streams streaming queues queue services service cloud
    infrastructure architecture design resilience resiliency reliability performance cost costs pricing
    billing operations ops aws""".split()
)
# Words of a heading over a heap of points, which says whose they are only through the
# heading above it: "## Lambda" over "### Limits"
HEAP_WORDS = frozenset(
    "misc miscellaneous other others general basics overview notes limits numbers facts stuff".split()
)


# tags that say what kind of note a line is, not what it is about ("#limits", "#wrong")
TAG_META = HEAP_WORDS | frozenset(
    """wrong right correct mistake mistakes todo to-do done review revisit redo weak exam exams important tip tips
    gotcha gotchas note question questions remember memorize memorise learned til flashcard flashcards anki
    quiz practice fact number figure default defaults max min new old hard easy medium tricky reviewed
    to later revise confusing unclear check verify saa soa sap dva dop clf scs ans mls""".split()
)


def names_an_area(title: str) -> bool:
    """Whether a title names only broad areas ("COMPUTE", "Storage & DBs") or heaps
    ("Limits"), or sets things side by side ("st1 vs sc1"): no one thing."""
    if re.search(r"\b(?:vs|versus|compared)\b", title, re.I):
        return True
    words = [w.casefold() for w in re.findall(r"[A-Za-z][\w-]*", title)]
    named = [w for w in words if w not in STOP_WORDS]
    return not named or all(w in AREA_WORDS or w in HEAP_WORDS for w in named)


def names_a_heap(title: str) -> bool:
    """Whether a heading only gathers points ("Limits", "Misc notes"): whose they are is
    said above it."""
    words = [w.casefold() for w in re.findall(r"[A-Za-z][\w-]*", title)]
    return bool(words) and all(w in HEAP_WORDS or w in STOP_WORDS for w in words)
