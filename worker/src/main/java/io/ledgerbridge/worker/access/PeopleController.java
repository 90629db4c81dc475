package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/people}: people's accounts for the admin page, each with a role; admins only. */
@Tag(name = "People", description = "People who sign in to the admin page, each with a role")
@RestController
@RequestMapping("/api/people")
@RequiresRole(Role.ADMIN)
class PeopleController {
  /** Enough to catch a typo or a name in the email's place; the address is never mailed. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final PersonStore people;
  private final SessionStore sessions;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  PeopleController(PersonStore people, SessionStore sessions, AuditTrail audit) {
    this.people = people;
    this.sessions = sessions;
    this.audit = audit;
  }

  @Schema(description = "A person to add")
  record NewPerson(
      @Schema(example = "Alice Example") String name,
      @Schema(example = "alice@example.com") String email,
      Role role,
      @Schema(description = "The first password, at least " + Passwords.MIN_LENGTH + " characters; tell it to the person")
      String password) {}

  @Schema(description = "What to change of a person; fields left out keep their values")
  record PersonChange(String name, Role role,
      @Schema(description = "A new password; the person's sessions end") String password) {}

  @Schema(description = "A person's account; the password is never shown")
  record PersonView(long id, String name, String email, Role role, boolean disabled, Instant createdAt,
      @Schema(description = "Who added them, e.g. admin (bootstrap token)") String createdBy, Instant disabledAt) {
    static PersonView of(PersonStore.StoredPerson person) {
      return new PersonView(person.id(), person.name(), person.email(), person.role(), !person.active(),
          person.createdAt(), person.createdBy(), person.disabledAt());
    }
  }

  @Operation(operationId = "listPeople", summary = "Everyone with an account, in the order they were added")
  @GetMapping
  List<PersonView> list() {
    return people.all().stream().map(PersonView::of).toList();
  }

  @Operation(operationId = "addPerson", summary = "Add a person with a role and a first password")
  @ApiResponse(responseCode = "201", description = "Added; they can sign in now")
  @ApiResponse(responseCode = "400", description = "A field is missing or not valid; the message names it")
  @ApiResponse(responseCode = "409", description = "Someone has this email already")
  @PostMapping
  @Audited(AuditAction.PERSON_ADDED)
  ResponseEntity<PersonView> add(@RequestBody NewPerson request, HttpServletRequest http) {
    String name = RequestText.required("name", request.name(), PersonStore.NAME_MAX);
    String email = email(request.email());
    if (request.role() == null) {
      throw new IllegalArgumentException("role: required; one of VIEWER, OPERATOR, ADMIN");
    }
    String passwordHash = Passwords.hash("password", request.password());
    if (people.byEmail(email).isPresent()) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "email: someone has " + email + " already; change that person (PUT /api/people/{id}) instead");
    }
    long id = people.add(email, name, request.role(), passwordHash, clock.instant(), Actor.of(http).orElseThrow().label());
    audit.describe(Long.toString(id), Map.of("name", name, "email", email, "role", request.role()));
    return ResponseEntity.created(URI.create("/api/people/" + id)).body(PersonView.of(people.byId(id).orElseThrow()));
  }

  @Operation(operationId = "changePerson", summary = "Change a person's role, name or password",
      description = "A new role applies to their next request; a new password ends their sessions.")
  @ApiResponse(responseCode = "200", description = "The changed person")
  @ApiResponse(responseCode = "400", description = "A field is not valid; the message names it")
  @ApiResponse(responseCode = "404", description = "No person with this id")
  @PutMapping("/{id}")
  @Audited(AuditAction.PERSON_CHANGED)
  PersonView change(@PathVariable long id, @RequestBody PersonChange change) {
    PersonStore.StoredPerson person = person(id);
    String name = RequestText.optional("name", change.name(), PersonStore.NAME_MAX);
    String passwordHash = change.password() == null ? null : Passwords.hash("password", change.password());
    Map<String, Object> changed = new LinkedHashMap<>();
    if (name != null) {
      people.setName(id, name);
      changed.put("name", name);
    }
    if (change.role() != null) {
      people.setRole(id, change.role());
      changed.put("role", change.role());
    }
    if (passwordHash != null) {
      people.setPasswordHash(id, passwordHash);
      sessions.deleteForPerson(id);
      // That it changed, never the password.
      changed.put("passwordChanged", true);
    }
    if (changed.isEmpty()) {
      throw new IllegalArgumentException("body: name at least one of name, role, password to change");
    }
    audit.describe(Long.toString(id), changed);
    return PersonView.of(people.byId(person.id()).orElseThrow());
  }

  @Operation(operationId = "disablePerson", summary = "Disable a person: they are signed out and cannot sign in")
  @ApiResponse(responseCode = "200", description = "The disabled person")
  @ApiResponse(responseCode = "404", description = "No person with this id")
  @ApiResponse(responseCode = "409", description = "The person is disabled already")
  @PostMapping("/{id}/disable")
  @Audited(AuditAction.PERSON_DISABLED)
  PersonView disable(@PathVariable long id) {
    PersonStore.StoredPerson person = person(id);
    if (!people.disable(id, clock.instant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "person " + id + " is disabled already");
    }
    sessions.deleteForPerson(id);
    audit.describe(Long.toString(id), Map.of("email", person.email()));
    return PersonView.of(people.byId(id).orElseThrow());
  }

  private PersonStore.StoredPerson person(long id) {
    return people.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "no person with id " + id + "; GET /api/people lists them"));
  }

  private static String email(String value) {
    String email = Sessions.normalEmail(RequestText.required("email", value, PersonStore.EMAIL_MAX));
    if (!EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("email: '" + email + "' is not an email address, e.g. alice@example.com");
    }
    return email;
  }
}
