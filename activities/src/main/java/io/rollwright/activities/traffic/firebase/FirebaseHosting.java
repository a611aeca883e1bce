package io.rollwright.activities.traffic.firebase;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.RouterExtensionSet;
import io.rollwright.activities.traffic.JsonApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Firebase Hosting extension set: the {@code firebase-hosting} router, which turns stages into
 * preview channels and 100% into the live channel, its workload manager and the {@code
 * firebase-hosting} pre-flight check, through the Firebase Hosting REST API.
 */
public final class FirebaseHosting {
  public static final String ROUTER = "firebase-hosting";

  /** Google's endpoint of the API. */
  public static final String DEFAULT_ROOT_URL = "https://firebasehosting.googleapis.com/";

  private static final String SCOPE = "https://www.googleapis.com/auth/firebase.hosting";

  private FirebaseHosting() {}

  /** The set for {@code sites} through {@code api} (see {@link #client}). */
  public static ExtensionSet of(JsonApi api, FirebaseSites sites) {
    FirebaseHostingApi hosting = new FirebaseHostingApi(api);
    FirebaseHostingRouter router = new FirebaseHostingRouter(hosting, sites);
    FirebaseHostingCheck check = new FirebaseHostingCheck(hosting, sites);
    return new RouterExtensionSet(
        ROUTER, router, new FirebaseHostingWorkloads(router, check), check);
  }

  /**
   * The Firebase Hosting API at {@code rootUrl} ({@link #DEFAULT_ROOT_URL}), signed in as the
   * service account whose JSON key is {@code credentials}, each call given {@code timeout} to
   * connect and to answer.
   */
  public static JsonApi client(Path credentials, String rootUrl, Duration timeout)
      throws IOException {
    GoogleCredentials account;
    try (InputStream in = Files.newInputStream(credentials)) {
      account = GoogleCredentials.fromStream(in).createScoped(SCOPE);
    }
    return new JsonApi(
        "FirebaseHosting",
        URI.create(rootUrl),
        timeout,
        () -> {
          account.refreshIfExpired();
          AccessToken token = account.getAccessToken();
          return "Bearer " + token.getTokenValue();
        });
  }
}
