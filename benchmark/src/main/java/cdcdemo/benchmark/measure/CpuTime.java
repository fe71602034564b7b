package cdcdemo.benchmark.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of a process, or of a process and its children, from
 * {@code /proc/<pid>/stat}. Children that exited and were reaped count through the
 * parent's {@code cutime}/{@code cstime}, so a difference of two readings covers
 * processes that came and went in between (a PostgreSQL backend, pg_recvlogical).
 */
public final class CpuTime {

	/**
	 * Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on
	 * (USER_HZ).
	 */
	private static final double TICKS_PER_SECOND = 100.0;

	private CpuTime() {
	}

	/** CPU seconds of the process itself, plus those of its reaped children. */
	public static double ofProcess(long pid) {
		long[] f = stat(pid);
		return (f == null) ? 0 : (f[1] + f[2] + f[3] + f[4]) / TICKS_PER_SECOND;
	}

	/**
	 * CPU seconds of the process alone, without its reaped children (this JVM, which
	 * reaps pg_recvlogical).
	 */
	public static double ofProcessAlone(long pid) {
		long[] f = stat(pid);
		return (f == null) ? 0 : (f[1] + f[2]) / TICKS_PER_SECOND;
	}

	/** CPU seconds of the process's children that exited and were reaped. */
	public static double ofReapedChildren(long pid) {
		long[] f = stat(pid);
		return (f == null) ? 0 : (f[3] + f[4]) / TICKS_PER_SECOND;
	}

	/**
	 * CPU seconds of the process, its live children, and its reaped children
	 * (PostgreSQL's postmaster).
	 */
	public static double ofTree(long pid) {
		double total = ofProcess(pid);
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			for (Path proc : (Iterable<Path>) procs::iterator) {
				String name = proc.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				long[] f = stat(Long.parseLong(name));
				if (f != null && f[0] == pid) {
					total += (f[1] + f[2] + f[3] + f[4]) / TICKS_PER_SECOND;
				}
			}
		}
		catch (IOException ex) {
			// /proc went away under us: no reading
		}
		return total;
	}

	/** ppid, utime, stime, cutime, cstime; null if the process is gone. */
	private static long[] stat(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return new long[] { Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
					Long.parseLong(f[13]), Long.parseLong(f[14]) };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Resident set size now and its peak ({@code VmRSS}, {@code VmHWM}), in bytes; zeros
	 * if gone.
	 */
	public static long[] residentBytes(long pid) {
		long rss = 0;
		long hwm = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line) * 1024;
				}
				else if (line.startsWith("VmHWM:")) {
					hwm = kilobytes(line) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// gone
		}
		return new long[] { rss, hwm };
	}

	private static long kilobytes(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

}
