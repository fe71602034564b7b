package cdcdemo.bridge.connector.api;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorStateException;
import cdcdemo.bridge.connector.ConnectorValidationException;

/**
 * The one place that turns the API's errors into problem details: 400 with every field at
 * fault, 404 for an unknown connector, 409 for an action the connector's state does not
 * allow, 400 for a body that is not JSON.
 */
@RestControllerAdvice(assignableTypes = ConnectorController.class)
class ConnectorErrors {

	@ExceptionHandler
	ProblemDetail invalid(ConnectorValidationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid connector");
		problem.setType(URI.create("urn:cdc-bridge:invalid-connector"));
		problem.setProperty("errors", ex.problems());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(ConnectorNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(ConnectorStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Not in this state");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the body is not a connector request in JSON: " + ex.getMostSpecificCause().getMessage());
		problem.setTitle("Unreadable request");
		return problem;
	}

}
