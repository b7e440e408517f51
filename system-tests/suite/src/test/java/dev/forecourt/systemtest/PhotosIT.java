package dev.forecourt.systemtest;

import static dev.forecourt.systemtest.support.Accounts.anonymous;
import static dev.forecourt.systemtest.support.Accounts.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forecourt.systemtest.support.ForecourtServer;
import dev.forecourt.systemtest.support.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vehicle photos: staff upload JPEG, PNG or WebP; what is served is the server's re-encoding (the
 * camera's EXIF gone), cached for a year, to whoever may see the vehicle; every bad upload is
 * refused with its status and problem type, nothing stored.
 */
@ExtendWith(ForecourtServer.class)
class PhotosIT {

  private static final String PROBLEMS = "https://forecourt.dev/problems/";
  private static final byte[] WEBP =
      Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  static byte[] image(String format, int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, new Color((x * 7) % 256, (y * 5) % 256, 90).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** A JPEG whose EXIF segment (APP1) carries {@code secret}. */
  static byte[] jpegWithExif(String secret) throws Exception {
    byte[] jpeg = image("jpeg", 64, 48);
    byte[] payload = ("Exif\0\0MM\0*\0\0\0\bGPS " + secret).getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int length = payload.length + 2;
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.write(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static Response upload(String who, long vehicle, String type, byte[] body) {
    return as(who).contentType(type).body(body).post("/vehicles/{id}/photos", vehicle);
  }

  @Test
  void aPhotoIsKeptWithoutItsExifAndServedCachedToWhoeverSeesTheVehicle() throws Exception {
    long vehicle = Vehicles.createAt("BER", "Golf", "19990.00");
    Response created = upload("sales", vehicle, "image/jpeg", jpegWithExif("52.52N 13.40E"));
    created
        .then()
        .statusCode(201)
        .header(
            "Location", endsWith("/api/v1/vehicles/" + vehicle + "/photos/" + created.path("id")))
        .body("contentType", equalTo("image/jpeg"))
        .body("width", equalTo(64))
        .body("height", equalTo(48))
        .body("vehicleId", equalTo((int) vehicle));
    long photo = created.jsonPath().getLong("id");

    anonymous()
        .get("/vehicles/{id}/photos", vehicle)
        .then()
        .statusCode(200)
        .body("id", hasItem((int) photo));
    Response image = anonymous().get("/vehicles/{id}/photos/{photo}", vehicle, photo);
    image
        .then()
        .statusCode(200)
        .contentType("image/jpeg")
        .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
        .header("ETag", containsString("photo-" + photo));
    byte[] served = image.asByteArray();
    String text = new String(served, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("52.52N") || text.contains("Exif"), "no EXIF in what is served");
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, Arrays.copyOf(served, 2));
    assertEquals(64, ImageIO.read(new ByteArrayInputStream(served)).getWidth());
    assertEquals(
        0,
        ForecourtServer.queryLong(
            "select count(*) from vehicle_photo where id = "
                + photo
                + " and position('\\x4578696600'::bytea in content) > 0"),
        "nor in the database");

    // a PNG stays a PNG, a WebP becomes a JPEG
    upload("sales", vehicle, "image/png", image("png", 20, 10))
        .then()
        .statusCode(201)
        .body("contentType", equalTo("image/png"));
    upload("sales", vehicle, "image/webp", WEBP)
        .then()
        .statusCode(201)
        .body("contentType", equalTo("image/jpeg"))
        .body("width", equalTo(1));

    // removed: gone
    as("sales").delete("/vehicles/{id}/photos/{photo}", vehicle, photo).then().statusCode(204);
    anonymous()
        .get("/vehicles/{id}/photos/{photo}", vehicle, photo)
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));
    // a sold vehicle's photos are no more public than the vehicle
    long sold = Vehicles.createWithStatus("BER", "SOLD");
    long soldPhoto =
        upload("sales", sold, "image/png", image("png", 8, 8)).jsonPath().getLong("id");
    anonymous().get("/vehicles/{id}/photos", sold).then().statusCode(404);
    anonymous().get("/vehicles/{id}/photos/{photo}", sold, soldPhoto).then().statusCode(404);
    as("sales").get("/vehicles/{id}/photos/{photo}", sold, soldPhoto).then().statusCode(200);
  }

  @Test
  void everyBadUploadIsRefusedWithItsStatusAndNothingIsStored() throws Exception {
    long vehicle = Vehicles.createAt("BER", "Golf", "18990.00");
    long muc = Vehicles.createAt("MUC", "Golf", "18990.00");
    long before = ForecourtServer.queryLong("select count(*) from vehicle_photo");

    // not an image, though it says so: the magic bytes decide
    upload("sales", vehicle, "image/jpeg", "<?php echo 'hi'; ?>".getBytes())
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "validation-failed"))
        .body("detail", containsString("not a JPEG, PNG or WebP image"));
    // an image of another type than declared
    upload("sales", vehicle, "image/jpeg", image("png", 4, 4))
        .then()
        .statusCode(422)
        .body("detail", containsString("image/png"));
    // a damaged image
    upload("sales", vehicle, "image/jpeg", Arrays.copyOf(image("jpeg", 40, 40), 60))
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEMS + "validation-failed"));
    // a type no photo has
    upload("sales", vehicle, "image/gif", "GIF89a".getBytes())
        .then()
        .statusCode(415)
        .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    as("sales")
        .contentType(ContentType.TEXT)
        .body("hello")
        .post("/vehicles/{id}/photos", vehicle)
        .then()
        .statusCode(415);
    // no body
    upload("sales", vehicle, "image/png", new byte[0])
        .then()
        .statusCode(400)
        .body("type", equalTo(PROBLEMS + "malformed-request"));
    // who may not: anonymous 401, staff of another dealership 403, an unknown vehicle 404
    anonymous()
        .contentType("image/png")
        .body(image("png", 4, 4))
        .post("/vehicles/{id}/photos", vehicle)
        .then()
        .statusCode(401)
        .body("type", equalTo(PROBLEMS + "unauthenticated"));
    upload("sales", muc, "image/png", image("png", 4, 4))
        .then()
        .statusCode(403)
        .body("type", equalTo(PROBLEMS + "forbidden"));
    upload("admin", 999_999_999L, "image/png", image("png", 4, 4))
        .then()
        .statusCode(404)
        .body("type", equalTo(PROBLEMS + "not-found"));

    // the limits, set at runtime for every node: bytes (413) and pixels (422, before decoding)
    try {
      setting("forecourt.photos.max-bytes", "2048");
      byte[] big = image("png", 200, 200);
      upload("sales", vehicle, "image/png", big)
          .then()
          .statusCode(413)
          .body("type", equalTo(PROBLEMS + "payload-too-large"));
      setting("forecourt.photos.max-bytes", "5242880");
      setting("forecourt.photos.max-pixels", "100");
      upload("sales", vehicle, "image/png", image("png", 20, 20))
          .then()
          .statusCode(422)
          .body("detail", containsString("20 × 20"));
    } finally {
      as("admin").delete("/admin/settings/{key}", "forecourt.photos.max-bytes");
      as("admin").delete("/admin/settings/{key}", "forecourt.photos.max-pixels");
    }
    assertEquals(before, ForecourtServer.queryLong("select count(*) from vehicle_photo"));
    // a photo of another vehicle is not found under this one
    long photo = upload("sales", vehicle, "image/png", image("png", 4, 4)).jsonPath().getLong("id");
    anonymous()
        .get("/vehicles/{id}/photos/{photo}", muc, photo)
        .then()
        .statusCode(404)
        .body("detail", not(containsString("vehicle_photo")));
  }

  private static void setting(String key, String value) {
    as("admin")
        .contentType(ContentType.JSON)
        .body(Map.of("value", value))
        .put("/admin/settings/{key}", key)
        .then()
        .statusCode(200);
  }
}
