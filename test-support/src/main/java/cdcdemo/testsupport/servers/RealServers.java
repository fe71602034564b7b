package cdcdemo.testsupport.servers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real servers a test class runs against: the PostgreSQL, Kafka broker and SMTP
 * catcher of local-platform (the ones the embedded platform runs), started by
 * {@link RealServersExtension} before the class's first test.
 * <p>
 * By default a server is shared: one of each for the whole JVM, started by the first
 * class that asks for it and stopped when the JVM's tests are over. A class whose tests
 * need servers of their own (they stop one, count everything a topic or a mailbox holds,
 * make a topic with other partitions) says {@code shared = false}: it gets fresh servers,
 * stopped after its last test.
 * <p>
 * The servers reach the test as parameters (of {@code @BeforeAll} methods, of tests, of
 * constructors) of type {@code PostgresServer}, {@code KafkaServer} or
 * {@code MailCatcher}, and through {@link RealServersExtension#postgres()},
 * {@link RealServersExtension#kafka()} and {@link RealServersExtension#smtp()}, for a
 * {@code @DynamicPropertySource} method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServersExtension.class)
public @interface RealServers {

	/** A PostgreSQL server, bootstrapped with the platform's roles and databases. */
	boolean postgres() default false;

	/** A Kafka broker (KRaft, one node). */
	boolean kafka() default false;

	/** An SMTP server that keeps what it receives. */
	boolean smtp() default false;

	/**
	 * {@code true}: the JVM's servers, shared with every other class that shares them;
	 * {@code false}: servers of this class's own, stopped after its last test.
	 */
	boolean shared() default true;

}
