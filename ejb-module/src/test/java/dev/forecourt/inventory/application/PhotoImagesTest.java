package dev.forecourt.inventory.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoImagesTest {

  /** A 1 × 1 lossless WebP. */
  static final byte[] WEBP =
      Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  static byte[] image(String format, int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, new Color(x % 256, y % 256, 128).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** A JPEG with an EXIF segment (APP1) carrying {@code secret}, right after its SOI marker. */
  static byte[] jpegWithExif(String secret) throws Exception {
    byte[] jpeg = image("jpeg", 40, 30);
    byte[] payload = ("Exif\0\0MM\0*\0\0\0\bGPS " + secret).getBytes(StandardCharsets.ISO_8859_1);
    int length = payload.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.write(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void sniffsTheFormatByItsMagicBytes() throws Exception {
    assertEquals(Optional.of(PhotoImages.Format.JPEG), PhotoImages.sniff(image("jpeg", 2, 2)));
    assertEquals(Optional.of(PhotoImages.Format.PNG), PhotoImages.sniff(image("png", 2, 2)));
    assertEquals(Optional.of(PhotoImages.Format.WEBP), PhotoImages.sniff(WEBP));
    assertEquals(Optional.empty(), PhotoImages.sniff("GIF89a....".getBytes()));
    assertEquals(Optional.empty(), PhotoImages.sniff(new byte[0]));
  }

  @Test
  void keepsOnlyThePixelsOfAJpegNotItsExif() throws Exception {
    byte[] upload = jpegWithExif("52.5200N 13.4050E");
    assertTrue(new String(upload, StandardCharsets.ISO_8859_1).contains("52.5200N"));
    PhotoImages.Kept kept = PhotoImages.keep(upload, "image/jpeg", 1_000_000);
    assertEquals("image/jpeg", kept.contentType());
    assertEquals(40, kept.width());
    assertEquals(30, kept.height());
    String bytes = new String(kept.bytes(), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("52.5200N"), "the EXIF segment is gone");
    assertFalse(bytes.contains("Exif"), "no EXIF at all");
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(kept.bytes()));
    assertEquals(40, decoded.getWidth());
  }

  @Test
  void aPngStaysAPngAndAWebpBecomesAJpeg() throws Exception {
    PhotoImages.Kept png = PhotoImages.keep(image("png", 12, 7), "image/png", 1_000);
    assertEquals("image/png", png.contentType());
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png.bytes(), 4));
    PhotoImages.Kept webp = PhotoImages.keep(WEBP, "image/webp", 1_000);
    assertEquals("image/jpeg", webp.contentType());
    assertEquals(1, webp.width());
    assertEquals(Optional.of(PhotoImages.Format.JPEG), PhotoImages.sniff(webp.bytes()));
  }

  @Test
  void refusesWhatIsNoImageAnotherTypeThanDeclaredTooManyPixelsOrDamage() throws Exception {
    assertThrows(
        PhotoImages.Refused.class,
        () -> PhotoImages.keep("just text, not a photo".getBytes(), "image/jpeg", 1_000));
    assertThrows(
        PhotoImages.Refused.class, () -> PhotoImages.keep(image("png", 4, 4), "image/jpeg", 1_000));
    PhotoImages.Refused tooBig =
        assertThrows(
            PhotoImages.Refused.class,
            () -> PhotoImages.keep(image("png", 100, 60), "image/png", 5_000));
    assertTrue(tooBig.getMessage().contains("100 × 60"), tooBig.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(image("jpeg", 50, 50), 40);
    assertThrows(
        PhotoImages.Refused.class, () -> PhotoImages.keep(truncated, "image/jpeg", 1_000_000));
  }
}
