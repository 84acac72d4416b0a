/**
 * The container files in docker/, checked without Docker (the development machines and CI have no Docker
 * daemon, so nothing here builds an image or starts the stack):
 *  - docker-compose.yml parses (anchors and merge keys resolved), has no `version:` key and only doubled
 *    `$$`, and has mongo1..3, mongo-init, collab1..3 and lb. The replica set name, the member hosts that
 *    mongo-init gives `rs.initiate` and the hosts in each node's COLLAB_MONGO_URI agree; every node is in
 *    cluster mode, lists exactly collab1..3:5701 as members, names itself as COLLAB_CLUSTER_HOST, has a
 *    health check on /health, waits for mongo-init, and builds docker/Dockerfile from the repository
 *    root. The lb mounts docker/haproxy.cfg where haproxy:2.8 reads it and publishes 8080.
 *  - every COLLAB_* name in docker/ is one the jar's `--help` lists (skipped when the jar is not built).
 *  - the Dockerfile has a build stage and a run stage; the build stage copies .mvn/ and every module of
 *    the root pom, none of it excluded by .dockerignore; the run stage copies the jar from where
 *    server/app/pom.xml's shade plugin writes it, runs as a user other than root, exposes 8080 and its
 *    ENTRYPOINT runs that jar.
 *  - haproxy.cfg balances exactly collab1..3:8080, checks /health and listens on 8080, and
 *    `haproxy -c` accepts it (skipped when haproxy is not installed; .ci/run installs it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { JAR, REPO_ROOT } from './server.mjs';

const DOCKER_DIR = path.join(REPO_ROOT, 'docker');
const COMPOSE_FILE = path.join(DOCKER_DIR, 'docker-compose.yml');
const DOCKERFILE = path.join(DOCKER_DIR, 'Dockerfile');
const HAPROXY_CFG = path.join(DOCKER_DIR, 'haproxy.cfg');

const MONGO_SERVICES = ['mongo1', 'mongo2', 'mongo3'];
const NODE_SERVICES = ['collab1', 'collab2', 'collab3'];
const read = (file) => fs.readFileSync(file, 'utf8');

// ---- docker-compose.yml -------------------------------------------------------------------------------

const composeText = read(COMPOSE_FILE);
const compose = parse(composeText, { merge: true });
const services = compose?.services ?? {};

/** A service's environment as a map, from either of Compose's forms (map, or list of KEY=VALUE). */
function environment(service) {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(env.map((entry) => {
    const at = entry.indexOf('=');
    return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
  }));
}

/** depends_on as {service: condition}, from either form (list, or map with `condition`). */
function dependsOn(service) {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** The hosts (without ports) and query of a mongodb:// URI. */
function mongoUri(uri) {
  const match = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)\/?([^?]*)\??(.*)$/.exec(uri);
  assert.ok(match, `not a mongodb:// URI: ${uri}`);
  return {
    hosts: match[1].split(',').map((h) => h.trim()),
    database: match[2],
    query: new URLSearchParams(match[3]),
  };
}

/** A command (string or list) as one string. */
const commandText = (cmd) => (Array.isArray(cmd) ? cmd.join(' ') : String(cmd ?? ''));

describe('docker/docker-compose.yml', () => {
  it('parses, has no version key, and every $ is escaped for Compose but the secrets it takes from the environment', () => {
    assert.equal(typeof compose, 'object');
    assert.ok(!('version' in compose), 'the Compose spec has no `version:` key');
    const interpolated = /\$\{COLLAB_(SESSION_KEY|ADMIN_PASSWORD)(:[-?][^}]*)?\}/g;
    const lone = composeText.split('\n').map((line) => line.replace(interpolated, ''))
      .findIndex((line) => /(^|[^$])\$(\$\$)*([^$]|$)/.test(line));
    assert.equal(lone, -1, `line ${lone + 1} has a single $, which Compose would interpolate: write $$`);
  });

  it('has the MongoDB members, mongo-init, three server nodes and the load balancer', () => {
    for (const name of [...MONGO_SERVICES, 'mongo-init', ...NODE_SERVICES, 'lb']) {
      assert.ok(services[name], `service ${name} is missing (services: ${Object.keys(services).join(', ')})`);
    }
    const nodes = Object.keys(services).filter((name) => /^collab/.test(name)).sort();
    assert.deepEqual(nodes, NODE_SERVICES, 'exactly collab1..3 (else the member lists below are wrong)');
  });

  it('runs one replica set, rs0, that mongo-init initiates with the hosts the nodes connect to', () => {
    for (const name of MONGO_SERVICES) {
      const mongo = services[name];
      assert.match(mongo.image ?? '', /^mongo:7\.0/, `${name}: image`);
      assert.match(commandText(mongo.command), /--replSet[ =]rs0\b/, `${name}: --replSet rs0`);
      assert.match(commandText(mongo.command), /--bind_ip_all\b/, `${name}: --bind_ip_all`);
      assert.ok(mongo.healthcheck?.test, `${name}: a health check (mongo-init waits for it)`);
      assert.ok((mongo.volumes ?? []).some((v) => String(v.target ?? v).includes('/data/db')),
        `${name}: a volume on /data/db`);
    }
    const init = services['mongo-init'];
    const script = commandText(init.command) + commandText(init.entrypoint);
    assert.match(script, /rs\.status\(\)/, 'mongo-init asks rs.status() first (idempotent)');
    assert.match(script, /rs\.initiate\(/, 'mongo-init calls rs.initiate');
    assert.match(script, /_id:\s*'rs0'|_id:\s*"rs0"/, 'mongo-init initiates rs0');
    assert.match(script, /PRIMARY/, 'mongo-init waits for a primary');
    const initHosts = [...script.matchAll(/host:\s*['"]([^'"]+)['"]/g)].map((m) => m[1]).sort();
    assert.deepEqual(initHosts, MONGO_SERVICES.map((name) => `${name}:27017`), 'rs.initiate members');
    const deps = dependsOn(init);
    for (const name of MONGO_SERVICES) assert.equal(deps[name], 'service_healthy', `mongo-init waits for ${name}`);
  });

  for (const name of NODE_SERVICES) {
    it(`${name} is a cluster node on the replica set`, () => {
      const node = services[name];
      assert.ok(node, `service ${name} is missing`);
      const env = environment(node);

      assert.equal(env.COLLAB_CLUSTER, 'true', 'COLLAB_CLUSTER');
      const uri = mongoUri(env.COLLAB_MONGO_URI ?? '');
      assert.deepEqual([...uri.hosts].sort(), MONGO_SERVICES.map((m) => `${m}:27017`), 'COLLAB_MONGO_URI hosts');
      for (const host of uri.hosts) assert.ok(services[host.split(':')[0]], `${host} is a service`);
      assert.equal(uri.query.get('replicaSet'), 'rs0', 'COLLAB_MONGO_URI replicaSet');
      assert.ok(uri.database, 'COLLAB_MONGO_URI names a database');

      const members = (env.COLLAB_CLUSTER_MEMBERS ?? '').split(',').map((m) => m.trim()).sort();
      assert.deepEqual(members, NODE_SERVICES.map((n) => `${n}:5701`), 'COLLAB_CLUSTER_MEMBERS');
      assert.equal(env.COLLAB_CLUSTER_HOST, name, 'COLLAB_CLUSTER_HOST is the service\'s own name');
      assert.equal(env.COLLAB_CLUSTER_PORT ?? '5701', '5701', 'the Hazelcast port the members list');

      const check = commandText(node.healthcheck?.test);
      assert.match(check, /\/health\b/, 'a health check on GET /health');
      assert.match(check, /8080/, 'on port 8080');
      assert.equal(dependsOn(node)['mongo-init'], 'service_completed_successfully', 'waits for mongo-init');
      assert.equal(node.restart, 'unless-stopped', 'restart');
      assert.ok(!node.ports, 'a node publishes no port: clients come through the lb');

      const build = typeof node.build === 'string' ? { context: node.build } : node.build;
      assert.ok(build?.context, 'a build section with a context');
      const context = path.resolve(DOCKER_DIR, build.context);
      assert.equal(context, REPO_ROOT, 'the build context is the repository root');
      const dockerfile = path.resolve(context, build.dockerfile ?? 'Dockerfile');
      assert.equal(dockerfile, DOCKERFILE, 'the build uses docker/Dockerfile');
      assert.ok(fs.existsSync(dockerfile), `${dockerfile} exists`);
    });
  }

  it('lb is haproxy with docker/haproxy.cfg, publishes 8080 and waits for healthy nodes', () => {
    const lb = services.lb;
    assert.match(lb.image ?? '', /^haproxy:2\.8/, 'image');
    const mounts = (lb.volumes ?? []).map((v) => (typeof v === 'string'
      ? { source: v.split(':')[0], target: v.split(':')[1], readOnly: /:ro$/.test(v) }
      : { source: v.source, target: v.target, readOnly: v.read_only === true }));
    const cfg = mounts.find((m) => m.target === '/usr/local/etc/haproxy/haproxy.cfg');
    assert.ok(cfg, `haproxy.cfg mounted where the haproxy image reads it (mounts: ${JSON.stringify(mounts)})`);
    assert.equal(path.resolve(DOCKER_DIR, cfg.source), HAPROXY_CFG, 'the mounted file is docker/haproxy.cfg');
    assert.ok(fs.existsSync(HAPROXY_CFG), 'docker/haproxy.cfg exists');
    assert.ok(cfg.readOnly, 'mounted read-only');
    const published = (lb.ports ?? []).map((p) => (typeof p === 'object'
      ? `${p.published}:${p.target}` : String(p).split(':').slice(-2).join(':').replace(/\/tcp$/, '')));
    assert.ok(published.includes('8080:8080'), `publishes 8080 (ports: ${published.join(', ')})`);
    const deps = dependsOn(lb);
    for (const name of NODE_SERVICES) assert.equal(deps[name], 'service_healthy', `lb waits for ${name}`);
  });
});

// ---- COLLAB_* names ----------------------------------------------------------------------------------

describe('COLLAB_* environment variables in docker/', () => {
  it('are all flags of the jar (java -jar collab-server.jar --help)', (t) => {
    if (!fs.existsSync(JAR)) {
      t.skip(`${JAR} is not built, so its --help cannot be read (mvn -DskipTests package)`);
      return;
    }
    const help = spawnSync('java', ['-jar', JAR, '--help'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(help.status, 0, `java -jar ${JAR} --help: ${help.error ?? help.stderr}`);
    const known = new Set((help.stdout + help.stderr).match(/\bCOLLAB_[A-Z0-9_]+/g) ?? []);
    assert.ok(known.has('COLLAB_MONGO_URI'), `--help lists COLLAB_ variables: ${help.stdout}`);
    const used = [];
    for (const file of fs.readdirSync(DOCKER_DIR)) {
      const text = read(path.join(DOCKER_DIR, file));
      for (const name of text.match(/\bCOLLAB_[A-Z0-9_]+/g) ?? []) used.push({ file, name });
    }
    assert.ok(used.some((u) => u.file === 'docker-compose.yml'), 'the compose file uses COLLAB_ variables');
    const unknown = used.filter((u) => !known.has(u.name)).map((u) => `${u.name} (docker/${u.file})`);
    assert.deepEqual([...new Set(unknown)], [], `not in --help: ${[...known].join(', ')}`);
  });
});

// ---- Dockerfile --------------------------------------------------------------------------------------

/** Instructions of a Dockerfile: continuation lines joined, comments and parser directives dropped. */
function dockerInstructions(text) {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  return joined.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line);
    return { keyword: keyword.toUpperCase(), args };
  });
}

/** Stages: {name, base, instructions}. */
function dockerStages(text) {
  const stages = [];
  for (const instruction of dockerInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const [base, as, name] = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      stages.push({ base, name: /^as$/i.test(as ?? '') ? name : String(stages.length), instructions: [] });
    } else {
      assert.ok(stages.length > 0 || instruction.keyword === 'ARG', `${instruction.keyword} before FROM`);
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** A COPY's flags, sources and destination (shell form, or JSON form). */
function copyArgs(args) {
  const words = args.trim().startsWith('[') ? JSON.parse(args) : args.split(/\s+/);
  const flags = Object.fromEntries(words.filter((w) => w.startsWith('--')).map((w) => {
    const [key, value = ''] = w.slice(2).split('=');
    return [key, value];
  }));
  const paths = words.filter((w) => !w.startsWith('--'));
  return { flags, sources: paths.slice(0, -1), dest: paths.at(-1) };
}

/** The stage's working directory after its WORKDIR instructions (the image default is /). */
function workdir(stage) {
  let dir = '/';
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'WORKDIR') dir = path.posix.resolve(dir, args.trim());
  }
  return dir;
}

/** Whether .dockerignore (Docker's patterns, `!` re-includes) leaves `relPath` out of the build context. */
function dockerIgnored(relPath) {
  const file = path.join(REPO_ROOT, '.dockerignore');
  if (!fs.existsSync(file)) return false;
  const clean = path.posix.normalize(relPath).replace(/\/$/, '');
  let ignored = false;
  for (let pattern of read(file).split('\n').map((l) => l.trim())) {
    if (!pattern || pattern.startsWith('#')) continue;
    const include = pattern.startsWith('!');
    if (include) pattern = pattern.slice(1);
    pattern = path.posix.normalize(pattern).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(`^${pattern.split('**').map((part) => part.split('*').map((p) => p.split('?')
      .map((s) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('[^/]')).join('[^/]*')).join('.*')}$`);
    // A pattern that matches a folder leaves out everything in it.
    const segments = clean.split('/');
    const hit = segments.some((_, i) => regex.test(segments.slice(0, i + 1).join('/')));
    if (hit) ignored = !include;
  }
  return ignored;
}

describe('docker/Dockerfile', () => {
  const stages = dockerStages(read(DOCKERFILE));
  const build = stages.find((stage) => /^maven:/.test(stage.base)) ?? stages[0];
  const web = stages.find((stage) => /^node:/.test(stage.base));
  const run = stages.at(-1);
  const of = (stage, keyword) => stage.instructions.filter((i) => i.keyword === keyword);

  it('builds the web client in a Node stage and packs it into the jar', () => {
    assert.ok(web, 'a stage FROM node: builds the web client');
    assert.match(web.base, /^node:20/, 'Node 20, as on the development machines');
    const runs = of(web, 'RUN').map((i) => i.args).join('\n');
    assert.match(runs, /npm ci\b/, 'npm ci from the lock file');
    assert.match(runs, /npm run build\b/, 'the Vite build');
    const fromWeb = of(build, 'COPY').map((i) => copyArgs(i.args)).find((c) => c.flags.from === web.name);
    assert.ok(fromWeb, `the build stage copies the bundle from the "${web.name}" stage`);
    assert.match(fromWeb.sources[0], /web-client\/dist\/?$/, 'it copies web-client/dist');
    assert.match(fromWeb.dest, /^web-client\/dist\/?$/, 'to where the Maven build packs it from');
    const mvn = of(build, 'RUN').map((i) => i.args).find((args) => /\bmvn\b/.test(args));
    assert.match(mvn, /-Dweb\.skip=true\b/, 'Maven packs the copied bundle without running npm again');
    assert.ok(!dockerIgnored('web-client/package.json') && !dockerIgnored('web-client/src'),
      'web-client is in the build context');
  });

  it('builds in one stage and runs in another', () => {
    assert.ok(stages.length >= 2, `at least two FROM stages, got ${stages.length}`);
    assert.match(build.base, /^maven:3\.9-eclipse-temurin-17/, 'build stage image');
    assert.match(run.base, /^eclipse-temurin:17-jre/, 'run stage image');
    const mvn = of(build, 'RUN').map((i) => i.args).find((args) => /\bmvn\b/.test(args));
    assert.ok(mvn, 'the build stage runs mvn');
    assert.match(mvn, /\bpackage\b/, 'mvn package');
    assert.match(mvn, /-DskipTests\b/, 'tests skipped (CI runs them)');
    assert.match(mvn, /-De2e\.skip=true\b/, 'the end-to-end suite skipped');
  });

  it('copies .mvn/ and every module of the root pom into the build stage, none of it dockerignored', () => {
    const copied = of(build, 'COPY').map((i) => copyArgs(i.args)).filter((c) => !c.flags.from)
      .flatMap((c) => c.sources.map((s) => path.posix.normalize(s).replace(/\/$/, '')));
    for (const source of copied) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, source)), `COPY ${source}: not in the repository`);
      assert.ok(!dockerIgnored(source), `COPY ${source}: left out of the build context by .dockerignore`);
    }
    const covers = (file) => copied.some((s) => s === '.' || file === s || file.startsWith(`${s}/`));
    const rootPom = read(path.join(REPO_ROOT, 'pom.xml'));
    const modules = [...rootPom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1].trim());
    assert.ok(modules.length > 0, 'the root pom lists modules');
    for (const file of ['pom.xml', ...modules.map((m) => `${m}/pom.xml`), ...modules.map((m) => `${m}/src`)]) {
      if (fs.existsSync(path.join(REPO_ROOT, file))) assert.ok(covers(file), `the build stage copies ${file}`);
    }
    if (fs.existsSync(path.join(REPO_ROOT, '.mvn'))) {
      assert.ok(covers('.mvn/jvm.config'), 'the build stage copies .mvn/ (the compiler needs jvm.config)');
    }
  });

  it('runs the jar the Maven build writes, as a non-root user, on port 8080', () => {
    // Where the shade plugin writes the jar, from server/app/pom.xml.
    const appPom = read(path.join(REPO_ROOT, 'server', 'app', 'pom.xml'));
    const outputFile = /<outputFile>([^<]+)<\/outputFile>/.exec(appPom)?.[1];
    assert.ok(outputFile, 'server/app/pom.xml names the shaded jar');
    const jarInRepo = path.posix.normalize(outputFile.replace('${project.basedir}', 'server/app'));
    assert.equal(jarInRepo, 'server/target/collab-server.jar');

    const copies = of(run, 'COPY').map((i) => copyArgs(i.args)).filter((c) => c.flags.from === build.name);
    const jarCopy = copies.find((c) => c.sources.some((s) => s.endsWith('.jar')));
    assert.ok(jarCopy, `the run stage copies a jar from the build stage "${build.name}"`);
    const builtJar = path.posix.join(workdir(build), jarInRepo);
    assert.deepEqual(jarCopy.sources, [builtJar], 'the jar copied is the one mvn package writes');
    const dest = jarCopy.dest.endsWith('/') ? path.posix.join(jarCopy.dest, path.posix.basename(builtJar))
      : path.posix.resolve(workdir(run), jarCopy.dest);

    const users = of(run, 'USER');
    assert.ok(users.length > 0, 'the run stage sets USER');
    const user = users.at(-1).args.trim().split(':')[0];
    assert.ok(!['root', '0', ''].includes(user), `USER ${user}: the server must not run as root`);

    const entrypoint = of(run, 'ENTRYPOINT').at(-1);
    assert.ok(entrypoint, 'ENTRYPOINT');
    const argv = JSON.parse(entrypoint.args);
    assert.equal(argv[0], 'java', 'ENTRYPOINT runs java (exec form)');
    assert.equal(argv[argv.indexOf('-jar') + 1], dest, `ENTRYPOINT runs ${dest}`);

    const exposed = of(run, 'EXPOSE').flatMap((i) => i.args.split(/\s+/)).map((p) => p.replace(/\/tcp$/, ''));
    assert.ok(exposed.includes('8080'), `EXPOSE 8080 (got ${exposed.join(' ')})`);
  });
});

// ---- haproxy.cfg -------------------------------------------------------------------------------------

describe('docker/haproxy.cfg', () => {
  const lines = read(HAPROXY_CFG).split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

  it('balances the three nodes on 8080, checks /health and listens on 8080', () => {
    const servers = lines.filter((l) => /^server\s/.test(l)).map((l) => l.split(/\s+/)[2]).sort();
    assert.deepEqual(servers, NODE_SERVICES.map((n) => `${n}:8080`), 'server lines');
    assert.ok(lines.some((l) => /^option\s+httpchk\b.*\s\/health\b/.test(l)), 'option httpchk GET /health');
    assert.ok(lines.some((l) => /^http-check\s+expect\s+status\s+200\b/.test(l)), 'http-check expect status 200');
    assert.ok(lines.some((l) => /^bind\s+(\S*:)?8080\b/.test(l)), 'a frontend bound to 8080');
    assert.ok(lines.some((l) => /^timeout\s+tunnel\s/.test(l)), 'timeout tunnel (WebSockets)');
    assert.ok(lines.some((l) => /^balance\s+leastconn\b/.test(l)), 'balance leastconn');
  });

  it('haproxy -c accepts it', (t) => {
    const check = spawnSync('haproxy', ['-c', '-f', HAPROXY_CFG], { encoding: 'utf8', timeout: 30_000 });
    if (check.error?.code === 'ENOENT') {
      t.skip('haproxy is not installed (apt-get install haproxy; .ci/run does)');
      return;
    }
    assert.equal(check.status, 0, `haproxy -c -f ${HAPROXY_CFG}:\n${check.stdout}${check.stderr}`);
  });
});
