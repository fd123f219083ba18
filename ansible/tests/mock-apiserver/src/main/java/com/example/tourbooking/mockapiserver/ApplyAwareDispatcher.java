package com.example.tourbooking.mockapiserver;

import java.util.concurrent.locks.ReentrantLock;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Routes each request of the MOCK API server: discovery documents, server-side apply
 * patches (which fabric8's CRUD mock answers with 415), and everything else to the CRUD
 * mock. One lock serialises them so that an apply (a read then a write) is atomic.
 */
final class ApplyAwareDispatcher extends Dispatcher {

	private static final String APPLY_PATCH = "application/apply-patch+yaml";

	private final ApiDiscovery discovery;

	private final KubernetesCrudDispatcher crud;

	private final ServerSideApply apply;

	private final ReentrantLock lock = new ReentrantLock();

	ApplyAwareDispatcher(ApiDiscovery discovery, KubernetesCrudDispatcher crud) {
		this.discovery = discovery;
		this.crud = crud;
		this.apply = new ServerSideApply(crud);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		if ("GET".equals(request.getMethod())) {
			String document = this.discovery.documentAt(request.getPath());
			if (document != null) {
				return json(200, document);
			}
		}
		this.lock.lock();
		try {
			if ("PATCH".equals(request.getMethod()) && isApplyPatch(request.getHeader("Content-Type"))) {
				return this.apply.handle(request.getPath(), request.getUtf8Body());
			}
			return this.crud.dispatch(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void shutdown() {
		this.crud.shutdown();
	}

	private static boolean isApplyPatch(String contentType) {
		return contentType != null && contentType.startsWith(APPLY_PATCH);
	}

	static MockResponse json(int status, String body) {
		return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
	}

}
