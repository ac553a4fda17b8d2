package dev.wsboot.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The catalogue of servers, and the run-time setup the non-Java ones need. */
public final class Peers {

	/** The same heap and collector for every JVM under test. */
	public static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

	public static final String RAW_JAVA = "raw-java";

	public static final String RAW_C = "raw-c";

	public static final String NETTY = "netty";

	public static final String NETTY_EPOLL = "netty-epoll";

	public static final String LUA = "wsboot-lua";

	public static final String IO = "wsboot-io";

	public static final String STARTER = "wsboot-starter";

	public static final String STARTER_IO = "wsboot-starter-io";

	public static final String BUN = "bun";

	public static final String CONTROLLER = "wsboot-controller";

	/** The peers whose {@code /json} reads a typed object with Jackson and writes it back (the JSON echo). */
	private static final List<String> JSON = List.of("wsboot-starter", "spring-tomcat");

	public static boolean servesJson(Peer peer) {
		return JSON.contains(peer.id());
	}

	private static final String REDIS_SERVER = "/usr/bin/redis-server";

	private final Path module;

	private final Path repo;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private final String classpath;

	private final List<String> notes = new ArrayList<>();

	public Peers(Path repo) throws IOException {
		this.repo = repo;
		this.module = repo.resolve("benchmarks");
		this.classpath = this.module.resolve("target/classes") + ":"
				+ Files.readString(this.module.resolve("target/classpath.txt")).trim();
	}

	public List<String> notes() {
		return this.notes;
	}

	public List<Peer> all() {
		List<Peer> peers = new ArrayList<>();
		peers.add(new Peer(RAW_JAVA, "raw TCP echo, Java NIO, 1 thread (not WebSocket)", true, false,
				(port) -> javaMain("servers.RawNioEchoPeer", port), null));
		peers.add(cEcho());
		peers.add(new Peer(IO, "wsboot engine alone, handlers on the I/O thread (IO_THREAD); message limit raised to 16 MiB, max connections to 50,000", true, true,
				(port) -> javaMain("servers.WsbootPeer", port, "io"), null));
		peers.add(new Peer("wsboot-exec", "wsboot engine alone, handlers on its executor (EXECUTOR, the default); same limits", true, true,
				(port) -> javaMain("servers.WsbootPeer", port, "executor"), null));
		peers.add(starter());
		peers.add(sampleApp(STARTER_IO, "the same sample-app jar with ws.handler-execution=io-thread: handler methods on the I/O thread",
				(port) -> {
					List<String> arguments = new ArrayList<>(starterArguments(port));
					arguments.add("--ws.handler-execution=io-thread");
					return arguments;
				}));
		peers.add(new Peer(LUA, "wsboot starter + ws-lua: /echo and /broadcast as Lua scripts (LuaJ 3.0.1, one state per endpoint, calls serialized, instruction budget on); EXECUTOR, no web server", true, true,
				(port) -> javaMain("servers.starter.StarterEchoPeer", port, "lua"), null));
		peers.add(new Peer(CONTROLLER, "wsboot starter: the same /echo and /broadcast as Java @WsControllers, the same JVM and settings as wsboot-lua", true, true,
				(port) -> javaMain("servers.starter.StarterEchoPeer", port, "controller"), null));
		for (String transport : List.of("nio", "epoll")) {
			peers.add(new Peer(transport.equals("nio") ? NETTY : NETTY_EPOLL, "Netty 4.2 websocketx on its "
					+ (transport.equals("nio") ? "NIO transport" : "native epoll transport")
					+ ", production settings: one event loop (accept and I/O), pooled allocator, leak detection off, "
					+ "TCP_NODELAY, write per frame and flush per read batch with void promises, no aggregator after "
					+ "the upgrade, UTF-8 validation on, ChannelGroup broadcast flushed per read batch, "
					+ "permessage-deflate accepted (server_no_context_takeover allowed)", true, true,
					(port) -> javaMain("servers.netty.NettyPeer", port, transport), null));
		}
		peers.add(new Peer("jetty", "Jetty 12.1 core server + Jetty WebSocket API (no servlets), default thread pool, 16 MiB message limit", true, true,
				(port) -> javaMain("servers.JettyPeer", port), null));
		peers.add(new Peer("spring-tomcat", "Spring WebSocket on embedded Tomcat (Boot 4.1), Tomcat's default 8 KiB message buffers with partial-message echo, ConcurrentWebSocketSessionDecorator for broadcast", true, true,
				(port) -> javaMain("servers.spring.SpringTomcatPeer", port, "--server.port=" + port,
						"--server.address=127.0.0.1", "--server.tomcat.max-connections=50000",
						// The wsboot starter shares this module's classpath: no second server here.
						"--ws.enabled=false",
						"--server.tomcat.accept-count=4096", "--spring.main.banner-mode=off",
						"--logging.level.root=WARN"),
				null));
		peers.add(new Peer("java-websocket", "Java-WebSocket 1.6.0, default decoder threads, TCP_NODELAY on (off by default there), lost-connection pings off", true, true,
				(port) -> javaMain("servers.JavaWebSocketPeer", port), null));
		peers.addAll(nodePeers());
		return peers;
	}

	private List<String> javaMain(String mainClass, int port, String... extra) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(JVM_FLAGS);
		command.addAll(extraJvmFlags());
		command.add("-cp");
		command.add(this.classpath);
		command.add("dev.wsboot.benchmarks." + mainClass);
		command.add(Integer.toString(port));
		command.addAll(List.of(extra));
		return command;
	}

	/** For profiling by hand: BENCH_SERVER_JVM_ARGS is added to every Java server's flags. */
	private static List<String> extraJvmFlags() {
		String extra = System.getenv("BENCH_SERVER_JVM_ARGS");
		return (extra == null || extra.isBlank()) ? List.of() : List.of(extra.trim().split("\\s+"));
	}

	private Peer starter() {
		return sampleApp(STARTER, "wsboot through the Spring Boot starter: the sample-app jar (EXECUTOR, its application.yml: 16 MB messages, 30 s pings), max connections 50,000",
				Peers::starterArguments);
	}

	/** The arguments every sample-app peer runs with: its port, loopback, no web port, the limits of a load test. */
	private static List<String> starterArguments(int port) {
		return List.of("--ws.port=" + port, "--ws.host=127.0.0.1", "--server.port=0", "--ws.max-connections=50000",
				"--ws.max-outbound-queue-size=64MB", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
	}

	/**
	 * One node of a cluster on the Redis at {@code redisPort}: the sample-app jar with
	 * {@code ws.cluster.enabled=true}, whose {@code /broadcast} calls {@code WsBroadcaster.sendToPath}.
	 * Every node started from the returned peer runs the same copy of the jar.
	 */
	public Peer wsbootClusterNode(int redisPort) {
		return sampleApp("wsboot-cluster", "wsboot through the Spring Boot starter: the sample-app jar with ws.cluster.enabled=true (Spring Data Redis, Lettuce), its /broadcast calling WsBroadcaster.sendToPath; EXECUTOR, 30 s pings",
				(port) -> {
					List<String> arguments = new ArrayList<>(starterArguments(port));
					arguments.addAll(List.of("--ws.cluster.enabled=true", "--spring.data.redis.host=127.0.0.1",
							"--spring.data.redis.port=" + redisPort));
					return arguments;
				});
	}

	/**
	 * The sample-app jar as a server, run from a copy, with the same JVM flags as every peer.
	 * @param arguments the application's arguments for a WebSocket port
	 */
	public Peer sampleApp(String id, String label, IntFunction<List<String>> arguments) {
		Path built = this.repo.resolve("sample-app/target/sample-app-0.1.0-SNAPSHOT.jar");
		Path jar = this.module.resolve("target/sample-app/sample-app.jar");
		Peer peer = new Peer(id, label + builtAt(built), true, true, (port) -> {
			List<String> command = new ArrayList<>();
			command.add(this.java);
			command.addAll(JVM_FLAGS);
			command.addAll(extraJvmFlags());
			command.addAll(List.of("-jar", jar.toString()));
			command.addAll(arguments.apply(port));
			return command;
		}, null);
		if (!Files.isRegularFile(built)) {
			return peer.unavailable("sample-app/target/sample-app-0.1.0-SNAPSHOT.jar not built (run mvn -pl sample-app -am package)");
		}
		try {
			// Run a copy: a rebuild of sample-app during the run would otherwise pull the jar from under the JVM.
			Files.createDirectories(jar.getParent());
			Files.copy(built, jar, StandardCopyOption.REPLACE_EXISTING);
			return peer;
		}
		catch (IOException ex) {
			return peer.unavailable("could not copy the sample-app jar: " + ex.getMessage());
		}
	}

	/** When the sample-app jar was built: another module's build, so the report says which one ran. */
	private static String builtAt(Path jar) {
		try {
			return "; jar built " + Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.MINUTES);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private Peer cEcho() {
		Path binary = this.module.resolve("target/native/epoll_echo");
		Peer peer = new Peer(RAW_C, "raw TCP echo, C epoll, 1 thread (not WebSocket)", false, false,
				(port) -> List.of(binary.toString(), Integer.toString(port)), null);
		try {
			Files.createDirectories(binary.getParent());
			String result = run(this.module, 120, "gcc", "-O2", "-o", binary.toString(),
					this.module.resolve("src/main/c/epoll_echo.c").toString());
			return (result == null) ? peer : peer.unavailable("gcc failed: " + result);
		}
		catch (IOException ex) {
			return peer.unavailable("gcc could not run: " + ex.getMessage());
		}
	}

	private List<Peer> nodePeers() {
		Path dir = this.module.resolve("target/node");
		Peer ws = new Peer("node-ws", "Node.js + ws (npm), defaults except a 16 MiB payload limit", false, true,
				(port) -> List.of("node", dir.resolve("ws-peer.js").toString(), Integer.toString(port)), null);
		Path bunBinary = dir.resolve("node_modules/bun/bin/bun.exe");
		Peer bun = new Peer(BUN, "Bun (npm package bun), its built-in WebSocket server, publish/subscribe broadcast", false, true,
				(port) -> List.of(bunBinary.toString(), dir.resolve("bun-peer.js").toString(), Integer.toString(port)),
				null);
		try {
			Files.createDirectories(dir);
			for (String script : List.of("ws-peer.js", "bun-peer.js")) {
				Files.copy(this.module.resolve("src/main/node/" + script), dir.resolve(script),
						StandardCopyOption.REPLACE_EXISTING);
			}
			String failure = null;
			if (!Files.isDirectory(dir.resolve("node_modules/ws")) || !Files.isRegularFile(bunBinary)) {
				Files.writeString(dir.resolve("package.json"), "{\"private\":true}\n");
				failure = run(dir, 300, "npm", "install", "--no-audit", "--no-fund", "--no-save", "ws", "bun");
			}
			Peer nodeWs = Files.isDirectory(dir.resolve("node_modules/ws")) ? ws
					: ws.unavailable("npm install ws failed: " + failure);
			Peer bunPeer = Files.isRegularFile(bunBinary) ? bun
					: bun.unavailable("npm install bun gave no binary: " + failure);
			return List.of(nodeWs, bunPeer);
		}
		catch (IOException ex) {
			return List.of(ws.unavailable("npm could not run: " + ex.getMessage()),
					bun.unavailable("npm could not run: " + ex.getMessage()));
		}
	}

	/** redis-server on loopback with persistence off: the backplane of both clusters. */
	public Peer redis() {
		Path server = Path.of(REDIS_SERVER);
		Path dir = this.module.resolve("target/redis");
		Peer peer = new Peer("redis", "redis-server " + redisVersion(server) + ", loopback only, no persistence (save \"\", appendonly no)",
				false, false, (port) -> List.of(server.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
						"--save", "", "--appendonly", "no", "--dir", dir.toString()),
				null);
		if (!Files.isExecutable(server)) {
			return peer.unavailable(REDIS_SERVER + " not installed (Debian package redis-server)");
		}
		try {
			Files.createDirectories(dir);
			return peer;
		}
		catch (IOException ex) {
			return peer.unavailable("could not create " + dir + ": " + ex.getMessage());
		}
	}

	private static String redisVersion(Path server) {
		try {
			Process process = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes());
			int at = out.indexOf("v=");
			return (at < 0) ? "" : out.substring(at + 2, out.indexOf(' ', at)).trim();
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	/**
	 * One Socket.IO 4 node with the Redis adapter on the Redis at {@code redisPort}
	 * (src/main/node/cluster), its packages installed by npm into target/node-cluster from the
	 * committed package.json, exact versions, no lock file written.
	 */
	public Peer socketIoClusterNode(int redisPort) {
		Path dir = this.module.resolve("target/node-cluster");
		Path script = dir.resolve("socketio-node.js");
		return new Peer("socketio-cluster", "Socket.IO " + nodePackageVersion(dir, "socket.io") + " on Node.js, "
				+ "@socket.io/redis-adapter " + nodePackageVersion(dir, "@socket.io/redis-adapter") + " on redis (node-redis) "
				+ nodePackageVersion(dir, "redis") + ", io.emit to every client; defaults except a 10 min Engine.IO ping interval",
				false, true, (port) -> List.of("node", script.toString(), Integer.toString(port), Integer.toString(redisPort)),
				null);
	}

	/** Installs the Socket.IO node's packages when the committed package.json changed; null on success. */
	public String installSocketIo() throws IOException {
		Path dir = this.module.resolve("target/node-cluster");
		Path source = this.module.resolve("src/main/node/cluster");
		Files.createDirectories(dir);
		Files.copy(source.resolve("socketio-node.js"), dir.resolve("socketio-node.js"), StandardCopyOption.REPLACE_EXISTING);
		String wanted = Files.readString(source.resolve("package.json"));
		Path installed = dir.resolve("package.json");
		if (Files.isRegularFile(installed) && Files.readString(installed).equals(wanted)
				&& Files.isDirectory(dir.resolve("node_modules/socket.io"))) {
			return null;
		}
		Files.writeString(installed, wanted);
		return run(dir, 300, "npm", "install", "--no-audit", "--no-fund", "--no-package-lock");
	}

	private static String nodePackageVersion(Path dir, String name) {
		try {
			String json = Files.readString(dir.resolve("node_modules/" + name + "/package.json"));
			Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
			return version.find() ? version.group(1) : "?";
		}
		catch (IOException ex) {
			return "(not installed)";
		}
	}

	/** Runs a setup command; returns null on success, else the tail of its output. */
	static String run(Path dir, int timeoutSeconds, String... command) throws IOException {
		Path log = Files.createTempFile("bench-setup", ".log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "timed out after " + timeoutSeconds + " s";
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		String output = Files.readString(log);
		Files.delete(log);
		if (process.exitValue() == 0) {
			return null;
		}
		return "exit " + process.exitValue() + ": " + output.substring(Math.max(0, output.length() - 400)).trim();
	}

}
