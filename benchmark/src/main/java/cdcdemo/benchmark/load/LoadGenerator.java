package cdcdemo.benchmark.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

/**
 * Writes to the users table the way the monolith would, only faster. Open loop: each
 * worker has a schedule (a transaction of {@code n} rows is due {@code n / rate} after
 * the previous one) and keeps it whatever the latency, catching up when late, so a slow
 * pipeline shows as lag instead of slowing the load down. Half of the row changes come in
 * single-row transactions, half in 100-row ones; half are inserts, 30 % updates and 20 %
 * deletes. Each worker updates and deletes only rows it inserted itself, so workers never
 * wait on each other's locks.
 */
public final class LoadGenerator {

	/** Row changes in a batch transaction. */
	public static final int BATCH = 100;

	private static final String PASSWORD = "$2a$10$BR1GYwTj0Dkj04WhzUJEle3v3Kz4nQTck3nbVZqMzjMpeedFiVxYC";

	private final DataSource users;

	private final int maxWorkers;

	private final AtomicLong committed = new AtomicLong();

	private final AtomicLong emails = new AtomicLong();

	private final List<List<Long>> liveIds = new ArrayList<>();

	public LoadGenerator(DataSource users, int maxWorkers) {
		this.users = users;
		this.maxWorkers = maxWorkers;
		for (int i = 0; i < maxWorkers; i++) {
			this.liveIds.add(new ArrayList<>());
		}
	}

	/** Row changes committed so far, by all runs. */
	public long committed() {
		return this.committed.get();
	}

	/**
	 * Run the mixed workload at a fixed rate.
	 * @param eventsPerSecond row changes per second
	 * @param duration how long
	 * @return what was committed
	 */
	public Result openLoop(double eventsPerSecond, Duration duration) throws Exception {
		int workers = (int) Math.max(1, Math.min(this.maxWorkers, Math.ceil(eventsPerSecond / 200)));
		double perWorker = eventsPerSecond / workers;
		return run(workers, duration, (w, conn, end) -> mixed(w, conn, perWorker, end));
	}

	/**
	 * Single-row insert transactions, back to back on every worker: as many as PostgreSQL
	 * takes.
	 * @param duration how long
	 * @return what was committed
	 */
	public Result closedLoopInserts(Duration duration) throws Exception {
		return run(this.maxWorkers, duration, this::insertsFlatOut);
	}

	/**
	 * Insert a backlog in transactions of 10,000 rows.
	 * @param rows how many rows
	 */
	public void insertBacklog(long rows) throws SQLException {
		try (Connection conn = this.users.getConnection();
				PreparedStatement insert = conn.prepareStatement(
						"insert into users (first_name, last_name, email, password) select 'Backlog', 'Row ' || g, ? || g || "
								+ "'@bench.example', ? from generate_series(1, ?) g")) {
			conn.setAutoCommit(false);
			for (long done = 0; done < rows;) {
				long n = Math.min(10_000, rows - done);
				insert.setString(1, "backlog-" + this.emails.incrementAndGet() + "-");
				insert.setString(2, PASSWORD);
				insert.setLong(3, n);
				insert.executeUpdate();
				conn.commit();
				done += n;
			}
		}
	}

	/** Empty the table (between backlog rounds) and forget the rows the workers knew. */
	public void truncate() throws SQLException {
		try (Connection conn = this.users.getConnection()) {
			conn.createStatement().execute("truncate users");
		}
		this.liveIds.forEach(List::clear);
	}

	private interface Work {

		long run(int worker, Connection conn, long endNanos) throws SQLException;

	}

	private Result run(int workers, Duration duration, Work work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			List<Future<Long>> results = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				int worker = w;
				results.add(pool.submit(() -> {
					try (Connection conn = this.users.getConnection()) {
						return work.run(worker, conn, end);
					}
				}));
			}
			long events = 0;
			for (Future<Long> result : results) {
				events += result.get();
			}
			return new Result(events, Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private long mixed(int worker, Connection conn, double perWorker, long end) throws SQLException {
		conn.setAutoCommit(false);
		SplittableRandom random = new SplittableRandom(worker);
		List<Long> ids = this.liveIds.get(worker);
		long events = 0;
		long due = System.nanoTime();
		long transactions = worker * 37L;
		while (due < end) {
			long now = System.nanoTime();
			if (due > now) {
				LockSupport.parkNanos(due - now);
			}
			int rows = (++transactions % (BATCH + 1) == 0) ? BATCH : 1;
			double op = random.nextDouble();
			long changed;
			if (ids.size() < rows * 4 || op < 0.5) {
				changed = insert(conn, ids, rows);
			}
			else if (op < 0.8) {
				changed = change(conn, "update users set last_name = 'Updated' where id = any(?)",
						pick(ids, rows, random, false));
			}
			else {
				changed = change(conn, "delete from users where id = any(?)", pick(ids, rows, random, true));
			}
			conn.commit();
			this.committed.addAndGet(changed);
			events += changed;
			due += (long) (rows * 1e9 / perWorker);
		}
		return events;
	}

	private long insertsFlatOut(int worker, Connection conn, long end) throws SQLException {
		conn.setAutoCommit(true);
		long events = 0;
		try (PreparedStatement insert = conn.prepareStatement(
				"insert into users (first_name, last_name, email, password) values ('Flat', 'Out', ?, ?)")) {
			while (System.nanoTime() < end) {
				insert.setString(1, "flat-" + this.emails.incrementAndGet() + "@bench.example");
				insert.setString(2, PASSWORD);
				insert.executeUpdate();
				this.committed.incrementAndGet();
				events++;
			}
		}
		return events;
	}

	private long insert(Connection conn, List<Long> ids, int rows) throws SQLException {
		try (PreparedStatement insert = conn.prepareStatement(
				"insert into users (first_name, last_name, email, password) select 'Load', 'Row ' || g, ? || g || "
						+ "'@bench.example', ? from generate_series(1, ?) g returning id")) {
			insert.setString(1, "load-" + this.emails.incrementAndGet() + "-");
			insert.setString(2, PASSWORD);
			insert.setInt(3, rows);
			long n = 0;
			try (ResultSet inserted = insert.executeQuery()) {
				while (inserted.next()) {
					ids.add(inserted.getLong(1));
					n++;
				}
			}
			return n;
		}
	}

	private static Long[] pick(List<Long> ids, int rows, SplittableRandom random, boolean remove) {
		Long[] picked = new Long[rows];
		for (int i = 0; i < rows; i++) {
			int at = random.nextInt(ids.size());
			picked[i] = ids.get(at);
			if (remove) {
				ids.set(at, ids.get(ids.size() - 1));
				ids.remove(ids.size() - 1);
			}
		}
		return picked;
	}

	private static long change(Connection conn, String sql, Long[] ids) throws SQLException {
		try (PreparedStatement statement = conn.prepareStatement(sql)) {
			Array array = conn.createArrayOf("bigint", ids);
			statement.setArray(1, array);
			return statement.executeUpdate();
		}
	}

	/**
	 * What a run committed.
	 *
	 * @param events row changes committed
	 * @param elapsed how long it took
	 */
	public record Result(long events, Duration elapsed) {

		public double rate() {
			return this.events / (this.elapsed.toNanos() / 1e9);
		}

	}

}
