package cn.jiangmen.vethub.partner;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SftpSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The poll strategy of the sftp fetch routes: a look at a partner's server that fails
 * (connection refused, timeout, host key not the known one, login refused) after
 * camel-ftp's reconnect attempts is recorded as a {@code failed} run of the source in the
 * ledger, with a message that says what went wrong and what to check (never a secret), so
 * the console shows the source failing rather than only a log line. One run per outage:
 * while the server stays unreachable the following looks fail quietly (Camel backs them
 * off, {@code backoff-after-errors}, {@code backoff-multiplier}); the first look that
 * works ends the outage.
 */
@Component("sftpConnectionFailures")
class SftpConnectionFailures implements PollingConsumerPollStrategy {

	private static final Logger log = LoggerFactory.getLogger(SftpConnectionFailures.class);

	private final SourceRegistry registry;

	private final RunLedger ledger;

	/** Sources whose server is down, with the message of the run that recorded it. */
	private final Map<String, String> down = new ConcurrentHashMap<>();

	SftpConnectionFailures(SourceRegistry registry, RunLedger ledger) {
		this.registry = registry;
		this.ledger = ledger;
	}

	@Override
	public boolean begin(Consumer consumer, Endpoint endpoint) {
		return true;
	}

	@Override
	public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
		String sourceId = sourceOf(consumer);
		if (sourceId != null && this.down.remove(sourceId) != null) {
			log.info("SFTP source {}: the server can be reached again", sourceId);
		}
	}

	@Override
	public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
		String sourceId = sourceOf(consumer);
		SourceDefinition source = (sourceId != null) ? this.registry.find(sourceId).orElse(null) : null;
		if (source == null || source.sftp() == null) {
			log.warn("SFTP poll of route {} failed: {}", sourceId, InboxFiles.describeFailure(cause));
			return false;
		}
		String message = failureMessage(source.sftp(), cause);
		if (!message.equals(this.down.put(sourceId, message))) {
			long runId = this.ledger.start(sourceId, RunTrigger.SCHEDULE, null, null);
			this.ledger.finish(runId, RunStatus.FAILED, 0, 0, 0, message, null);
			log.error("SFTP source {} failed (run {}): {}", sourceId, runId, message);
		}
		else {
			log.debug("SFTP source {} still failing: {}", sourceId, message);
		}
		return false;
	}

	/** Whether the last look at the source's server failed. */
	boolean isDown(String sourceId) {
		return this.down.containsKey(sourceId);
	}

	private static String sourceOf(Consumer consumer) {
		return (consumer instanceof RouteIdAware r) ? SftpRoutes.sourceOfFetchRoute(r.getRouteId()) : null;
	}

	/**
	 * What went wrong with a look at the server, in words an operator can act on: which
	 * server, the meaning of the failure, and the exception classes (messages of the SSH
	 * library are quoted only for the cases below, and none of them holds a secret).
	 */
	static String failureMessage(SftpSettings sftp, Throwable ex) {
		String where = "cannot fetch from " + sftp.location();
		String meaning = null;
		for (Throwable t = ex; t != null && meaning == null; t = (t.getCause() != t) ? t.getCause() : null) {
			String m = (t.getMessage() != null) ? t.getMessage().toLowerCase(Locale.ROOT) : "";
			if (m.contains("hostkey") || m.contains("host key")) {
				meaning = sftp.strictHostKeyChecking()
						? "the server's host key is not the one in " + sftp.knownHostsFile()
								+ " (host-key checking is on): the connection was refused; if the partner changed"
								+ " its key, check the new key with the partner and put it into that file"
						: "the server's host key was refused";
			}
			else if (m.contains("auth fail") || m.contains("auth cancel") || m.contains("userauth")) {
				meaning = "the server refused the login of user '" + sftp.username()
						+ "' (wrong password or key, or the account is locked)";
			}
			else if (t instanceof ConnectException || m.contains("connection refused")) {
				meaning = "the server refused the connection (down, or nothing listens on port " + sftp.port() + ")";
			}
			else if (t instanceof UnknownHostException) {
				meaning = "the host name " + sftp.host() + " is not known";
			}
			else if (t instanceof NoRouteToHostException) {
				meaning = "there is no route to " + sftp.host();
			}
			else if (t instanceof SocketTimeoutException || m.contains("timeout")) {
				meaning = "the server did not answer in time (connect-timeout)";
			}
			else if (m.contains("no such file")) {
				meaning = "the folder " + sftp.folder() + " does not exist on the server";
			}
		}
		return where + ((meaning != null) ? ": " + meaning : "") + " (" + InboxFiles.describeFailure(ex) + ")";
	}

}
