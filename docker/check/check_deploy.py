#!/usr/bin/env python3
"""Checks Parley's deployment files without a Docker engine (run by .ci/check-deploy.sh).

docker-compose validates the compose syntax and Caddy the proxy's; this script checks what
they cannot: the Dockerfiles' structure (Node 22 stages, non-root users, health checks, pinned
tools), the compose file's intent (one-shots, health checks, restart policies, one public
service), and drift between the compose environment, the servers' config.ts, the route
prefixes the proxy assumes and docker/.env.example.

usage: check_deploy.py RESOLVED_COMPOSE_YAML   (the output of `docker-compose ... config`)
"""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
problems: list[str] = []
notes: list[str] = []


def fail(message: str) -> None:
    problems.append(message)


# --- Dockerfiles ------------------------------------------------------------------------------


def instructions(path: pathlib.Path):
    """(INSTRUCTION, arguments, line number), continuation lines joined, comments dropped."""
    result, buffer, start = [], "", 0
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        word, _, rest = buffer.partition(" ")
        result.append((word.upper(), rest.strip(), start))
        buffer = ""
    return result


def stages(steps):
    """Stage name -> {'from': image, 'steps': [...]}, in order."""
    found = {}
    current = None
    for word, rest, number in steps:
        if word == "FROM":
            match = re.match(r"(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$", rest, re.I)
            if not match or not match.group(2):
                fail(f"FROM without a stage name (line {number}): {rest}")
                continue
            current = match.group(2)
            found[current] = {"from": match.group(1), "steps": [], "line": number}
        elif current:
            found[current]["steps"].append((word, rest, number))
    return found


def effective_user(all_stages, name):
    """The USER a stage runs as, following FROM <stage> chains; None means root."""
    stage = all_stages[name]
    users = [rest for word, rest, _ in stage["steps"] if word == "USER"]
    if users:
        return users[-1]
    if stage["from"] in all_stages:
        return effective_user(all_stages, stage["from"])
    return None


def check_dockerfile(path: pathlib.Path, targets: set[str]):
    name = path.relative_to(ROOT)
    text = path.read_text()
    if not text.startswith("# syntax=docker/dockerfile:1"):
        fail(f"{name}: first line must pin the Dockerfile syntax (# syntax=docker/dockerfile:1.x)")
    steps = instructions(path)
    args = {}
    for word, rest, _ in steps:
        if word == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args.setdefault(key, value)
    node = args.get("NODE_IMAGE", "")
    if not re.fullmatch(r"node:22(\.\d+){0,2}-bookworm-slim(@sha256:[0-9a-f]{64})?", node):
        fail(f"{name}: ARG NODE_IMAGE must default to node:22-bookworm-slim (Node 22 LTS), got {node!r}")
    for key, value in args.items():
        if key.endswith("_IMAGE") and (value.endswith(":latest") or ":" not in value):
            fail(f"{name}: {key}={value} is not pinned to a version")
    turbo = json.loads((ROOT / "package.json").read_text())["devDependencies"].get("turbo")
    if "TURBO_VERSION" in args and args["TURBO_VERSION"] != turbo:
        fail(f"{name}: TURBO_VERSION {args['TURBO_VERSION']} differs from the root package.json ({turbo})")
    all_stages = stages(steps)
    if len(all_stages) < 2:
        fail(f"{name}: expected a multi-stage build")
    for stage_name, stage in all_stages.items():
        base = stage["from"]
        if base not in all_stages and not re.fullmatch(r"\$\{[A-Z_]+_IMAGE\}", base):
            fail(f"{name}: stage {stage_name} starts FROM {base}; use a pinned *_IMAGE build arg")
        for word, rest, number in stage["steps"]:
            if word == "ADD" and re.search(r"https?://", rest):
                fail(f"{name}:{number}: ADD from a URL; download in a RUN with a checksum instead")
            if word == "RUN" and re.search(r"\bnpm (install|i)\b", rest) and "--global" not in rest:
                fail(f"{name}:{number}: dependencies must come from the lockfile (npm ci)")
            if word == "RUN" and re.search(r"curl[^|]*\|\s*(ba)?sh", rest):
                fail(f"{name}:{number}: piping a download into a shell")
            if word == "COPY":
                for source in re.findall(r"(?:^|\s)(docker/\S+)", rest):
                    if not (ROOT / source).exists():
                        fail(f"{name}:{number}: COPY source {source} does not exist")
    for target in targets:
        if target not in all_stages:
            fail(f"{name}: compose builds target {target!r}, which is not a stage")
            continue
        user = effective_user(all_stages, target)
        if user is None or user.split(":")[0] in ("root", "0"):
            fail(f"{name}: target {target} runs as root; add a USER")
    final = list(all_stages)[-1] if all_stages else None
    if final:
        words = {word for word, _, _ in all_stages[final]["steps"]}
        if "HEALTHCHECK" not in words:
            fail(f"{name}: the final stage ({final}) has no HEALTHCHECK")
        if not words & {"CMD", "ENTRYPOINT"}:
            fail(f"{name}: the final stage ({final}) has no CMD")
    ignore = path.with_name(path.name + ".dockerignore")
    if not ignore.exists():
        fail(f"{name}: {ignore.name} is missing (the build context would include node_modules and secrets)")
    else:
        rules = ignore.read_text()
        for needed in ("**/node_modules", "docker/.env", ".git"):
            if needed not in rules:
                fail(f"{ignore.relative_to(ROOT)}: should exclude {needed}")
    return all_stages


# --- compose ----------------------------------------------------------------------------------

SERVERS = {
    "login-server": "login-server",
    "msg-server-1": "msg-server",
    "msg-server-2": "msg-server",
    "file-server": "file-server",
}
ONE_SHOTS = {"migrate", "minio-init"}
EXPECTED = {"postgres", "redis", "minio", "web", "proxy", *SERVERS, *ONE_SHOTS}


def config_keys(app: str):
    """The env keys an app's src/config.ts declares: name -> required?"""
    source = (ROOT / "apps" / app / "src" / "config.ts").read_text()
    body = source[source.index("z.object({") :] if "z.object({" in source else source
    keys = list(re.finditer(r"^\s{2,8}([A-Z][A-Z0-9_]+):", body, re.M))
    result = {}
    for index, match in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(body)
        definition = body[match.end() : end]
        result[match.group(1)] = not re.search(r"\.(default|optional)\(", definition)
    return result


def check_compose(resolved: dict, compose_text: str, dockerfiles: dict):
    services = resolved.get("services", {})
    missing = EXPECTED - set(services)
    if missing:
        fail(f"compose: missing services {sorted(missing)}")
    for name, service in services.items():
        image = service.get("image", "")
        if image and (image.endswith(":latest") or ":" not in image.split("/")[-1]):
            fail(f"compose: {name} image {image} is not pinned")
        restart = service.get("restart", "no")
        if name in ONE_SHOTS:
            if restart != "no":
                fail(f"compose: one-shot {name} must have restart: 'no' (got {restart})")
        else:
            if restart not in ("always", "unless-stopped"):
                fail(f"compose: {name} needs restart: unless-stopped (got {restart})")
            if "healthcheck" not in service:
                fail(f"compose: {name} has no healthcheck")
        if service.get("ports") and name != "proxy":
            fail(f"compose: only the proxy publishes ports, {name} does too")
        for volume in service.get("volumes", []):
            spec = volume if isinstance(volume, str) else f"{volume.get('source')}:{volume.get('target')}"
            source = spec.split(":")[0]
            if source.startswith("/") or source.startswith("."):
                if not spec.endswith(":ro"):
                    fail(f"compose: {name} bind-mounts {source} writable; use a named volume")
    pg = services.get("postgres", {}).get("image", "")
    match = re.search(r"postgres:(\d+)", pg)
    if not match or int(match.group(1)) < 16:
        fail(f"compose: postgres must be 16 or newer (image {pg})")
    for name in SERVERS:
        depends = services.get(name, {}).get("depends_on", {})
        if depends.get("migrate", {}).get("condition") != "service_completed_successfully":
            fail(f"compose: {name} must wait for migrate (condition: service_completed_successfully)")
    if services.get("file-server", {}).get("depends_on", {}).get("minio-init", {}).get("condition") != "service_completed_successfully":
        fail("compose: file-server must wait for minio-init")
    for name, service in services.items():
        build = service.get("build")
        if not build:
            continue
        dockerfile = pathlib.Path(build.get("dockerfile", "Dockerfile")).name
        dockerfiles.setdefault(dockerfile, set()).add(build.get("target") or "")

    # Environment against each server's config.ts.
    for name, app in SERVERS.items():
        env = services.get(name, {}).get("environment", {}) or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        keys = config_keys(app)
        for key, required in keys.items():
            if required and key not in env:
                fail(f"compose: {name} lacks {key}, which apps/{app}/src/config.ts requires")
        for key in env:
            if key not in keys:
                notes.append(f"{name}: {key} is set but apps/{app}/src/config.ts does not read it (yet)")
    public = services.get("web", {}).get("environment", {}).get("PARLEY_PUBLIC_URL")
    for name, key in [
        ("login-server", "FILE_SERVER_URL"),
        ("msg-server-1", "MSG_PUBLIC_URL"),
        ("msg-server-2", "MSG_PUBLIC_URL"),
        ("file-server", "FILE_PUBLIC_URL"),
        *[(server, "CORS_ORIGINS") for server in SERVERS],
    ]:
        value = services.get(name, {}).get("environment", {}).get(key)
        if value != public:
            fail(f"compose: {name} {key}={value!r} should be the public origin {public!r}")

    # Every msg-server is reachable through the proxy under its own prefix.
    caddyfile = (DOCKER / "proxy" / "Caddyfile").read_text()
    paths = []
    for name in [s for s in SERVERS if s.startswith("msg-server")]:
        path = services.get(name, {}).get("environment", {}).get("MSG_PATH", "")
        paths.append(path)
        match = re.fullmatch(r"(/msg/[a-z0-9-]+)/socket\.io", path)
        if not match:
            fail(f"compose: {name} MSG_PATH {path!r} should be /msg/<n>/socket.io")
            continue
        if not re.search(rf"handle {re.escape(match.group(1))}/\*\s*\{{\s*reverse_proxy {name}:3002", caddyfile):
            fail(f"proxy/Caddyfile: no `handle {match.group(1)}/* {{ reverse_proxy {name}:3002 }}`")
    if len(set(paths)) != len(paths):
        fail("compose: msg-servers share a MSG_PATH")

    # Secrets only by reference; every required variable documented in .env.example.
    example = {
        line.split("=", 1)[0]
        for line in (DOCKER / ".env.example").read_text().splitlines()
        if re.match(r"^[A-Z_][A-Z0-9_]*=", line)
    }
    for variable in sorted(set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*):\?", compose_text))):
        if variable not in example:
            fail(f".env.example: no {variable}, which compose.yaml requires")
    for key in ("PASSWORD", "SECRET"):
        for match in re.finditer(rf"^\s+[A-Z_]*{key}[A-Z_]*:\s*(\S+)", compose_text, re.M):
            if not match.group(1).startswith("${"):
                fail(f"compose.yaml: a literal secret ({match.group(0).strip()}); take it from docker/.env")


# --- routes -----------------------------------------------------------------------------------


def route_literals(app: str):
    found = set()
    for path in (ROOT / "apps" / app / "src").rglob("*.ts"):
        if path.name.endswith(".test.ts") or "testing" in path.parts:
            continue
        found.update(re.findall(r"['\"`](/v1/[^'\"`]*)['\"`]", path.read_text()))
    return found


def check_routes():
    """The proxy sends /v1/files*, /v1/uploads* and /v1/avatars/* to file-server, the rest of
    /v1 to login."""
    files = re.compile(r"^/v1/(files|uploads)(/|$)|^/v1/avatars/")
    for route in sorted(route_literals("login-server")):
        if files.match(route):
            fail(f"routes: login-server serves {route}, which the proxy sends to file-server")
    for route in sorted(route_literals("file-server")):
        if not files.match(route):
            fail(f"routes: file-server serves {route}, which the proxy sends to login-server")
    caddyfile = (DOCKER / "proxy" / "Caddyfile").read_text()
    if "@files path /v1/files /v1/files/* /v1/uploads /v1/uploads/* /v1/avatars/*" not in caddyfile:
        fail("proxy/Caddyfile: the @files matcher no longer lists /v1/files, /v1/uploads, /v1/avatars")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    resolved = yaml.safe_load(pathlib.Path(sys.argv[1]).read_text())
    compose_text = (DOCKER / "compose.yaml").read_text()
    targets: dict[str, set[str]] = {}
    check_compose(resolved, compose_text, targets)
    for dockerfile in sorted(DOCKER.glob("*.Dockerfile")):
        check_dockerfile(dockerfile, targets.get(dockerfile.name, set()) - {""})
    for dockerfile in targets:
        if not (DOCKER / dockerfile).exists():
            fail(f"compose: builds {dockerfile}, which does not exist in docker/")
    check_routes()
    for note in notes:
        print(f"note: {note}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"check_deploy: {len(problems)} problem(s), {len(notes)} note(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
