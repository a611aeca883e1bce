package io.rollwright.client;

/** No train with that ID has ever run in this namespace. */
public class TrainNotFoundException extends ReleaseNotFoundException {
  public TrainNotFoundException(String trainId) {
    super(
        "train", trainId, "train IDs are train:<name>@<environment>, e.g. train:checkout-q4@prod");
  }
}
