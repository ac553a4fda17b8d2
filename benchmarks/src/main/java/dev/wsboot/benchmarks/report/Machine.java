package dev.wsboot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about the machine for the report, read from /proc and the tools' version flags. */
public record Machine(int cpus, String cpuModel, String kernel, String jdk, String node, String bun, String loadAverage) {

	private static String loadAtStart = read(Path.of("/proc/loadavg"));

	/** Remembers the load average before the servers start. */
	public static void recordLoad() {
		loadAtStart = read(Path.of("/proc/loadavg"));
	}

	static Machine describe(Path repo) {
		String cpuinfo = read(Path.of("/proc/cpuinfo"));
		int cpus = 0;
		String model = "unknown";
		for (String line : cpuinfo.split("\n")) {
			if (line.startsWith("processor")) {
				cpus++;
			}
			if (line.startsWith("model name")) {
				model = line.substring(line.indexOf(':') + 1).trim();
			}
		}
		String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
		Path bun = repo.resolve("benchmarks/target/node/node_modules/bun/bin/bun.exe");
		String[] load = loadAtStart.trim().split(" ");
		return new Machine(cpus, model, read(Path.of("/proc/sys/kernel/osrelease")).trim(), jdk, version("node", "-v"),
				Files.isRegularFile(bun) ? version(bun.toString(), "--version") : "not installed",
				(load.length >= 3) ? load[0] + " " + load[1] + " " + load[2] : loadAtStart.trim());
	}

	/** Whether other processes kept the machine busy: a 1-minute load above 0.5 before our servers started. */
	boolean shared() {
		try {
			return Double.parseDouble(this.loadAverage.split(" ")[0]) > 0.5;
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	private static String version(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			return out.isEmpty() ? "unknown" : out;
		}
		catch (IOException ex) {
			return "not installed";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
