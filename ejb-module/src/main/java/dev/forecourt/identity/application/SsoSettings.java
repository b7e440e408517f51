package dev.forecourt.identity.application;

import dev.forecourt.platform.config.Setting;
import dev.forecourt.platform.config.SettingGroup;
import jakarta.enterprise.context.Dependent;
import java.net.URI;

/**
 * The console's single sign-on: the OpenID Connect client at the provider whose tokens the API
 * already trusts ({@code mp.jwt.verify.issuer}).
 */
@Dependent
public class SsoSettings implements SettingGroup {

  public static final Setting<String> CLIENT_ID =
      Setting.text(
          "forecourt.sso.client-id",
          null,
          "the console's OpenID Connect client at the provider of mp.jwt.verify.issuer"
              + " (authorization code flow with PKCE; its access tokens must be for the API's"
              + " audience); unset: the console offers local sign-in only");

  public static final Setting<String> CLIENT_SECRET =
      Setting.text(
              "forecourt.sso.client-secret",
              null,
              "the console client's secret, for a confidential client; unset: a public client")
          .secret();

  public static final Setting<URI> REDIRECT_URI =
      Setting.httpUrl(
          "forecourt.sso.redirect-uri",
          null,
          "where the provider sends the browser back (register it at the provider); unset:"
              + " /api/v1/auth/sso/callback on the origin the browser used");
}
