package io.rollwright.activities.traffic.play;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidpublisher.AndroidPublisher;
import com.google.api.services.androidpublisher.AndroidPublisherScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.RouterExtensionSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Play Console extension set: the {@code play-console} router, which turns stage weights into
 * the production track's staged rollout, its workload manager and the {@code play-console}
 * pre-flight check, all through the Play Developer API's Edits.
 */
public final class PlayConsole {
  public static final String ROUTER = "play-console";

  private PlayConsole() {}

  /** The set for {@code apps} through {@code api}. */
  public static ExtensionSet of(AndroidPublisher api, PlayApps apps) {
    PlayEdits edits = new PlayEdits(api);
    PlayConsoleRouter router = new PlayConsoleRouter(edits, apps);
    return new RouterExtensionSet(
        ROUTER,
        router,
        new PlayConsoleWorkloads(edits, apps, router),
        new PlayConsoleCheck(edits, apps));
  }

  /**
   * A Play Developer API client signed in as the service account whose JSON key is {@code
   * credentials}, at {@code rootUrl} (Google's: {@link AndroidPublisher#DEFAULT_ROOT_URL}), each
   * call given {@code timeout} to connect and to answer.
   */
  public static AndroidPublisher client(Path credentials, String rootUrl, Duration timeout)
      throws IOException {
    GoogleCredentials account;
    try (InputStream in = Files.newInputStream(credentials)) {
      account =
          GoogleCredentials.fromStream(in).createScoped(AndroidPublisherScopes.ANDROIDPUBLISHER);
    }
    HttpCredentialsAdapter signedIn = new HttpCredentialsAdapter(account);
    int millis = Math.toIntExact(timeout.toMillis());
    HttpRequestInitializer init =
        request -> {
          signedIn.initialize(request);
          request.setConnectTimeout(millis).setReadTimeout(millis);
        };
    return new AndroidPublisher.Builder(
            new NetHttpTransport(), GsonFactory.getDefaultInstance(), init)
        .setRootUrl(rootUrl)
        .setApplicationName("rollwright")
        .build();
  }
}
